/**
 * The integration response for HTTP invocations (SCF's Function URL / API gateway trigger documentation). The body is a
 * string the function serializes itself: returning an object from an HTTP invocation would let
 * the platform pick the status (Function URL answers 200 for any JSON without `statusCode`).
 */
export interface IntegrationResponse {
  isBase64Encoded: false;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function toHttpResponse(statusCode: number, body: unknown): IntegrationResponse {
  return {
    isBase64Encoded: false,
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** The answer to a refused request: its status and a one-line reason, nothing else. */
export function toRefusalResponse(refusal: {
  statusCode: number;
  reason: string;
  error: string;
}): IntegrationResponse {
  const response = toHttpResponse(refusal.statusCode, { error: refusal.error, reason: refusal.reason });
  if (refusal.statusCode === 405) response.headers.Allow = 'POST';
  return response;
}
