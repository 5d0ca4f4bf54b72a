/**
 * Failures of the HTTP exchange itself (no usable answer from the server). Every code we produce
 * is one that `classifyCode` in lib/errors/cloud-error.ts treats as transient, except a socket code
 * that says retrying cannot help (a bad certificate, for instance), which is kept as it is.
 */
import { TRANSIENT_TRANSPORT_CODES } from '../errors/cloud-error';

export const TRANSPORT_CODES = {
  connectTimeout: 'ConnectTimeout',
  requestTimeout: 'RequestTimeout',
  responseTooLarge: 'ResponseTooLarge',
  /** The server answered with something that is not HTTP, or cut the answer short. */
  badResponse: 'BadResponse',
  connectionReset: 'ECONNRESET',
} as const;

export interface TransportErrorDetails {
  code: string;
  method: string;
  /** Origin and path only: a query string could carry a caller's data, never a header. */
  target: string;
  detail?: string;
  cause?: unknown;
}

export class TransportError extends Error {
  readonly code: string;
  readonly method: string;
  readonly target: string;

  constructor(details: TransportErrorDetails) {
    const suffix = details.detail ? `: ${details.detail}` : '';
    super(`${details.method} ${details.target}: ${details.code}${suffix}`, { cause: details.cause });
    this.name = 'TransportError';
    this.code = details.code;
    this.method = details.method;
    this.target = details.target;
  }
}

/** Node's parser errors (`HPE_*`) and aborted streams mean a broken answer, worth one more try. */
const BAD_RESPONSE_CODES: ReadonlySet<string> = new Set([
  'ERR_STREAM_PREMATURE_CLOSE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** The code a socket-level failure is reported under. */
export function transportCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return TRANSPORT_CODES.badResponse;
  if (TRANSIENT_TRANSPORT_CODES.has(code)) return code;
  if (code.startsWith('HPE_') || BAD_RESPONSE_CODES.has(code)) return TRANSPORT_CODES.badResponse;
  return code;
}

export function isTransportError(error: unknown): error is TransportError {
  return error instanceof TransportError;
}
