/**
 * HTTP events, in both shapes SCF has delivered (SCF's Function URL / API gateway trigger documentation):
 * - the legacy API-gateway integration event: `requestContext`, `headers`, `body` (a string),
 *   `isBase64Encoded`, `httpMethod`, `path`, `queryString`… (API Gateway went offline 2025-06-30,
 *   but functions migrated from it and recorded test events still send this);
 * - the Function URL event: the same minus `requestContext` and `isBase64Encoded`, with the
 *   client address in the `x-scf-remote-addr` header.
 * Header-name case varies between samples, so names are lower-cased here once. The body stays as
 * the event carries it until its size is checked (http-body.ts), then becomes the exact bytes
 * that were signed. A malformed event is a result, never a throw: it is answered 400.
 */
export const HTTP_EVENT_SHAPES = ['api-gateway', 'function-url'] as const;
export type HttpEventShape = (typeof HTTP_EVENT_SHAPES)[number];

/** The body as the event carries it, not yet decoded: its size is checked first (http-body.ts). */
export interface EventBody {
  text: string;
  base64: boolean;
}

export interface HttpInvocation {
  shape: HttpEventShape;
  /** Upper-case. */
  method: string;
  path: string;
  /** Lower-case names; a header sent twice is joined with ", " as HTTP does. */
  headers: Record<string, string>;
  body: EventBody;
  sourceIp?: string;
  requestId?: string;
}

/** An HTTP event too malformed to authenticate: answered 400, nothing started. */
export type HttpEventResult = { ok: true; http: HttpInvocation } | { ok: false; error: string };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Keys only the HTTP shapes carry (a console event with any of them is not one, as its schema is
 * strict): such an event is answered as HTTP, with 400 when it is malformed, rather than thrown.
 */
const HTTP_KEYS = ['httpMethod', 'requestContext', 'headers', 'body', 'isBase64Encoded'] as const;

export function isHttpEvent(event: Json): boolean {
  return HTTP_KEYS.some((key) => key in event);
}

function normalizeHeaders(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) return undefined;
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

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const refuse = (error: string): HttpEventResult => ({ ok: false, error: `HTTP event: ${error}` });

/** Extracts method, headers and the body (still encoded) from either HTTP shape. */
export function toHttpInvocation(event: Json): HttpEventResult {
  const context = event.requestContext ?? undefined;
  if (context !== undefined && !isRecord(context)) return refuse('"requestContext" must be an object');
  const method = optionalString(event.httpMethod) ?? optionalString(context?.httpMethod);
  if (!method) return refuse('no "httpMethod" (a string such as "POST")');
  const headers = normalizeHeaders(event.headers);
  if (!headers) return refuse('"headers" must be an object');
  const { body, isBase64Encoded } = event;
  // An object here has lost its raw bytes, and with them any signature over them.
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return refuse('"body" must be the raw body as a string');
  }
  if (![undefined, null, true, false, 'true', 'false'].includes(isBase64Encoded as never)) {
    return refuse('"isBase64Encoded" must be true or false');
  }
  return {
    ok: true,
    http: {
      shape: context ? 'api-gateway' : 'function-url',
      method: method.toUpperCase(),
      path: optionalString(event.path) ?? optionalString(context?.path) ?? '/',
      headers,
      body: { text: body ?? '', base64: isBase64Encoded === true || isBase64Encoded === 'true' },
      sourceIp: optionalString(context?.sourceIp) ?? headers['x-scf-remote-addr'],
      requestId: optionalString(context?.requestId) ?? headers['x-scf-request-id'],
    },
  };
}
