/**
 * The two clouds' response envelopes. Tencent answers everything, errors included, with HTTP
 * 200 and `Response.Error`; Huawei uses real statuses with `{error_code, error_msg}` (gateway
 * errors add `request_id`) and an `X-Request-Id` header.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const JSON_TYPE = 'application/json';
const HUAWEI_JSON_TYPE = 'application/json;charset=UTF-8';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = JSON_TYPE,
): void {
  if (res.destroyed || res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function newTencentRequestId(): string {
  return randomUUID();
}

/** `X-TC-TraceId` is echoed: the SDK reads it back to put on its exceptions. */
function traceHeaders(traceId: string | undefined): Record<string, string> {
  return traceId ? { 'X-TC-TraceId': traceId } : {};
}

export function sendTencentResult(
  res: ServerResponse,
  result: Record<string, unknown>,
  requestId: string,
  traceId?: string,
): void {
  sendJson(res, 200, { Response: { ...result, RequestId: requestId } }, traceHeaders(traceId));
}

export function sendTencentError(
  res: ServerResponse,
  code: string,
  message: string,
  requestId: string,
  traceId?: string,
): void {
  sendJson(
    res,
    200,
    { Response: { Error: { Code: code, Message: message }, RequestId: requestId } },
    traceHeaders(traceId),
  );
}

/** Documented statuses of the codes the simulator answers or may be asked to inject. */
const HUAWEI_STATUS: Readonly<Record<string, number>> = {
  'APIGW.0101': 404,
  'APIGW.0201': 400,
  'APIGW.0301': 401,
  'APIGW.0308': 429,
  'APIG.0101': 404,
  'APIG.0201': 400,
  'APIG.0301': 401,
  'APIG.0308': 429,
  'DWS.0001': 400,
  'DWS.0005': 500,
  'DWS.0006': 400,
  'DWS.0011': 409,
  'DWS.0015': 403,
  'DWS.0020': 403,
  'DBS.05000000': 500,
  'DBS.108000': 500,
  'DBS.108002': 500,
  'DBS.200001': 400,
  'DBS.200002': 404,
  'DBS.200010': 403,
  'DBS.200011': 409,
  'DBS.200019': 409,
  'DBS.201209': 409,
  'DBS.201210': 400,
  'DBS.280124': 400,
  'DBS.280127': 400,
  'DBS.280234': 400,
};

/** A code the table does not know is answered as a server failure. */
export function huaweiStatusFor(code: string): number {
  return HUAWEI_STATUS[code] ?? 500;
}

export function newHuaweiRequestId(): string {
  return randomUUID().replaceAll('-', '');
}

export function sendHuaweiJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  sendJson(res, status, body, { 'X-Request-Id': requestId }, HUAWEI_JSON_TYPE);
}

export function sendHuaweiError(
  res: ServerResponse,
  code: string,
  message: string,
  requestId: string,
  status = huaweiStatusFor(code),
): void {
  const gateway = code.startsWith('APIGW.') || code.startsWith('APIG.');
  const body = gateway
    ? { error_code: code, error_msg: message, request_id: requestId }
    : { error_code: code, error_msg: message };
  sendHuaweiJson(res, status, body, requestId);
}
