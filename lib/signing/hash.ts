import { createHash, createHmac } from 'node:crypto';

export type Bytes = Uint8Array | string;

export function sha256Hex(data: Bytes): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacSha256(key: Bytes, data: Bytes): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function hmacSha256Hex(key: Bytes, data: Bytes): string {
  return createHmac('sha256', key).update(data).digest('hex');
}
