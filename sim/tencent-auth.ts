/**
 * TC3-HMAC-SHA256 verification as API 3.0 does it (the Tencent Cloud API 3.0 signature v3 (TC3-HMAC-SHA256) documentation): the canonical
 * request is rebuilt from the client's own SignedHeaders, so any signer that follows the
 * algorithm is accepted, whatever headers it chose to sign.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { hmacSha256Hex, sha256Hex } from '../lib/signing/hash';
import {
  TC3_ALGORITHM,
  tc3CanonicalRequest,
  tc3Date,
  tc3SigningKey,
  type ParsedTc3Authorization,
} from '../lib/signing/tc3';
import type { TencentKey } from './credentials';

const MAX_SKEW_SEC = 300;
const REQUIRED_SIGNED = ['content-type', 'host'] as const;

export type Tc3Verdict = { ok: true } | { ok: false; code: string; message: string };

const OK: Tc3Verdict = { ok: true };

function fail(code: string, message: string): Tc3Verdict {
  return { ok: false, code, message };
}

export interface Tc3Input {
  method: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  timestampSec: number;
  nowMs: number;
}

// Deriving the key is three HMACs; a client reuses one (key, date, service) all day.
const signingKeys = new Map<string, Buffer>();
const MAX_CACHED_KEYS = 1024;

function signingKey(secretKey: string, date: string, service: string): Buffer {
  const cacheKey = `${secretKey}\n${date}\n${service}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    if (signingKeys.size >= MAX_CACHED_KEYS) signingKeys.clear();
    key = tc3SigningKey(secretKey, date, service);
    signingKeys.set(cacheKey, key);
  }
  return key;
}

function expectedSignature(
  input: Tc3Input,
  auth: ParsedTc3Authorization,
  signed: Record<string, string>,
  secretKey: string,
): string {
  const { canonicalRequest } = tc3CanonicalRequest({
    method: input.method,
    query: input.query,
    signedHeaders: signed,
    body: input.body,
    timestampSec: input.timestampSec,
    service: auth.service,
  });
  const scope = `${auth.date}/${auth.service}/tc3_request`;
  const stringToSign = `${TC3_ALGORITHM}\n${input.timestampSec}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  return hmacSha256Hex(signingKey(secretKey, auth.date, auth.service), stringToSign);
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Checks in the order a gateway can: shape, key, clock, signature, then the session token. */
export function verifyTc3(
  input: Tc3Input,
  auth: ParsedTc3Authorization | undefined,
  keys: ReadonlyMap<string, TencentKey>,
): Tc3Verdict {
  if (!auth)
    return fail('AuthFailure.InvalidAuthorization', 'The Authorization header is not valid TC3-HMAC-SHA256.');
  for (const name of REQUIRED_SIGNED) {
    if (!auth.signedHeaderNames.includes(name)) {
      return fail('AuthFailure.InvalidAuthorization', `SignedHeaders must include \`${name}\`.`);
    }
  }
  const key = keys.get(auth.secretId);
  if (!key) return fail('AuthFailure.SecretIdNotFound', `The SecretId \`${auth.secretId}\` is not found.`);
  if (Math.abs(input.nowMs / 1000 - input.timestampSec) > MAX_SKEW_SEC) {
    return fail(
      'AuthFailure.SignatureExpire',
      `X-TC-Timestamp ${input.timestampSec} is more than 5 minutes from server time.`,
    );
  }
  if (auth.date !== tc3Date(input.timestampSec)) {
    return fail(
      'AuthFailure.SignatureFailure',
      'The credential scope date is not the UTC date of X-TC-Timestamp.',
    );
  }
  const signed: Record<string, string> = {};
  for (const name of auth.signedHeaderNames) {
    const value = input.headers[name];
    signed[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  }
  // The official SDK signs the host without its port but sends it with one: try that first.
  const host = signed.host ?? '';
  const colon = host.lastIndexOf(':');
  const hostname = colon > 0 && !host.endsWith(']') ? host.slice(0, colon) : host;
  let matched = sameHex(
    expectedSignature(input, auth, { ...signed, host: hostname }, key.secretKey),
    auth.signature,
  );
  if (!matched && hostname !== host) {
    matched = sameHex(expectedSignature(input, auth, signed, key.secretKey), auth.signature);
  }
  if (!matched) return fail('AuthFailure.SignatureFailure', 'The request signature does not match.');
  if (key.token !== undefined) {
    const token = input.headers['x-tc-token'];
    if (token !== key.token)
      return fail('AuthFailure.TokenFailure', 'The session token is missing or invalid.');
  }
  return OK;
}
