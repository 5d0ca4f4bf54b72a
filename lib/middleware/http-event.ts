/**
 * HTTP events, in both shapes SCF has delivered (reference/scf-and-alerts.md §3):
 * - the legacy API-gateway integration event: `requestContext`, `headers`, `body` (a string),
 *   `isBase64Encoded`, `httpMethod`, `path`, `queryString`… (API Gateway went offline 2025-06-30,
 *   but functions migrated from it and recorded test events still send this);
 * - the Function URL event: the same minus `requestContext` and `isBase64Encoded`, with the
 *   client address in the `x-scf-remote-addr` header.
 * Header-name case varies between samples, so names are lower-cased here once, and the body is
 * kept as the exact bytes that were signed.
 */
import { InvalidEventError } from './errors';

export const HTTP_EVENT_SHAPES = ['api-gateway', 'function-url'] as const;
export type HttpEventShape = (typeof HTTP_EVENT_SHAPES)[number];

export interface HttpInvocation {
  shape: HttpEventShape;
  /** Upper-case. */
  method: string;
  path: string;
  /** Lower-case names; a header sent twice is joined with ", " as HTTP does. */
  headers: Record<string, string>;
  /** The body exactly as received (base64 already decoded). */
  rawBody: Buffer;
  sourceIp?: string;
  requestId?: string;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Both shapes carry `httpMethod`; only the legacy one carries `requestContext`. */
export function isHttpEvent(event: Json): boolean {
  return typeof event.httpMethod === 'string' || isRecord(event.requestContext);
}

function normalizeHeaders(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw new InvalidEventError('HTTP event: "headers" must be an object');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const values = (Array.isArray(value) ? value : [value])
      .filter((v) => v !== undefined && v !== null)
      .map((v) => String(v));
    if (values.length === 0) continue;
    const key = name.toLowerCase();
    const joined = values.join(', ');
    headers[key] = headers[key] === undefined ? joined : `${headers[key]}, ${joined}`;
  }
  return headers;
}

// Buffer.from(…, 'base64') silently skips garbage; a body that is not base64 must not be
// "decoded" into different bytes than were signed.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

function decodeBody(body: unknown, isBase64Encoded: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body !== 'string') {
    // An object here has lost its raw bytes, and with them any signature over them.
    throw new InvalidEventError('HTTP event: "body" must be the raw body as a string');
  }
  if (isBase64Encoded === true || isBase64Encoded === 'true') {
    const compact = body.replace(/\s+/g, '');
    if (!BASE64.test(compact)) throw new InvalidEventError('HTTP event: "body" is flagged base64 but is not');
    return Buffer.from(compact, 'base64');
  }
  return Buffer.from(body, 'utf8');
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** Extracts method, headers and raw body from either HTTP shape. */
export function toHttpInvocation(event: Json): HttpInvocation {
  const context = isRecord(event.requestContext) ? event.requestContext : undefined;
  const method = optionalString(event.httpMethod) ?? optionalString(context?.httpMethod);
  if (!method) throw new InvalidEventError('HTTP event: no "httpMethod"');
  const headers = normalizeHeaders(event.headers);
  return {
    shape: context ? 'api-gateway' : 'function-url',
    method: method.toUpperCase(),
    path: optionalString(event.path) ?? optionalString(context?.path) ?? '/',
    headers,
    rawBody: decodeBody(event.body, event.isBase64Encoded),
    sourceIp: optionalString(context?.sourceIp) ?? headers['x-scf-remote-addr'],
    requestId: optionalString(context?.requestId) ?? headers['x-scf-request-id'],
  };
}
