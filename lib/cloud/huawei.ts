/**
 * Huawei Cloud REST client (Huawei Cloud's API gateway AK/SK signing documentation): JSON over the services' documented
 * paths, signed SDK-HMAC-SHA256, paced per action, retried by the rules in lib/throttle/retry.ts.
 * Unlike Tencent, the HTTP status is the real one: ≥ 400 is an error.
 */
import { bodyExcerpt, headerValue, isRecord, parseJsonBody, sendFor } from '../http/send';
import type { HttpResponse } from '../http/types';
import { sdkCanonicalQuery, sdkDate, signSdkHmac } from '../signing/sdk-hmac';
import { pacedApiCall, resolveCallSettings, type CallSettingsOptions } from '../throttle/call-settings';
import { paceLane } from './api-rates';
import type { HuaweiCredentials } from './credentials';
import { CloudError } from '../errors/cloud-error';
import { huaweiHost } from './regions';
import type { CallOptions, HuaweiCaller, HuaweiRequest, HuaweiResponse } from './types';

export interface HuaweiClientOptions extends CallSettingsOptions {
  credentials: HuaweiCredentials;
  /**
   * Base URL for every service (`HUAWEICLOUD_ENDPOINT`); only the origin is used, as the address
   * to connect to. The Host header keeps the real regional host (signed, as always), so whoever
   * answers there can tell the service and region the request was meant for.
   */
  endpoint?: string;
}

const BAD_RESPONSE = 'BadResponse';
const CONTENT_TYPE = 'application/json;charset=UTF-8';

export function huaweiUrl(request: HuaweiRequest, endpoint: string | undefined): URL {
  const base = endpoint ?? `https://${huaweiHost(request.service, request.region)}`;
  const url = new URL(request.path, base);
  // The query goes out in its canonical form, so what the gateway parses is what was signed.
  url.search = sdkCanonicalQuery(definedQuery(request.query));
  return url;
}

/** Undefined values are dropped (an optional filter left out), empty strings kept (`name=`). */
export function definedQuery(query: HuaweiRequest['query']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) out[name] = value;
  return out;
}

export function createHuaweiClient(options: HuaweiClientOptions): HuaweiCaller {
  const settings = resolveCallSettings(options);
  const { ak, sk, securityToken } = options.credentials;

  return {
    call<TBody = Record<string, unknown>>(
      request: HuaweiRequest,
      callOptions: CallOptions = {},
    ): Promise<HuaweiResponse<TBody>> {
      const api = `${request.service}.${request.action}`;
      const host = huaweiHost(request.service, request.region);
      const url = huaweiUrl(request, options.endpoint);
      const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(request.body));
      const query = definedQuery(request.query);

      const attempt = async (): Promise<HuaweiResponse<TBody>> => {
        // Every header sent is signed, as the official SDK does; X-Project-Id in particular
        // (left out, as the SDK does, when there is none yet: IAM project discovery).
        const headers: Record<string, string> = {
          'Content-Type': CONTENT_TYPE,
          Host: host,
          ...(request.projectId ? { 'X-Project-Id': request.projectId } : {}),
          'X-Sdk-Date': sdkDate(settings.clock()),
        };
        if (securityToken) headers['X-Security-Token'] = securityToken;
        const { authorization } = signSdkHmac(
          { method: request.method, path: url.pathname, query, signedHeaders: headers, body },
          { ak, sk },
        );
        const response = await sendFor('huawei', api, settings.transport, {
          method: request.method,
          url,
          headers: { ...headers, Authorization: authorization },
          body,
          ...settings.timeouts,
        });
        return parseHuaweiResponse<TBody>(api, response);
      };

      return pacedApiCall(settings, api, { ...callOptions, lane: paceLane(api, host) }, attempt);
    },
  };
}

function firstString(record: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = record[name];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The error fields of a body: flat (`error_code`, `code`, `errorCode`) or nested under `error`. */
function errorFields(body: unknown): { code?: string; message?: string; requestId?: string } {
  if (!isRecord(body)) return {};
  const source = isRecord(body.error) ? body.error : body;
  return {
    code: firstString(source, ['error_code', 'code', 'errorCode']),
    message: firstString(source, ['error_msg', 'message', 'errorMessage', 'error_message']),
    requestId: firstString(body, ['request_id']) ?? firstString(source, ['request_id']),
  };
}

export function parseHuaweiResponse<TBody>(api: string, response: HttpResponse): HuaweiResponse<TBody> {
  const httpStatus = response.status;
  const parsed = parseJsonBody(response.body);
  const headerRequestId = headerValue(response.headers, 'x-request-id');

  if (httpStatus >= 200 && httpStatus < 300) {
    if (parsed === undefined) {
      const message = `not JSON: ${bodyExcerpt(response.body)}`;
      throw new CloudError({ cloud: 'huawei', api, code: BAD_RESPONSE, message, httpStatus });
    }
    const requestId = headerRequestId ?? errorFields(parsed).requestId;
    return { status: httpStatus, body: parsed as TBody, ...(requestId ? { requestId } : {}) };
  }
  const fields = errorFields(parsed);
  // No code in the body (a proxy's HTML page): `HTTP.<status>`, classified by the status.
  const code = fields.code ?? `HTTP.${httpStatus}`;
  const message = fields.message ?? `HTTP ${httpStatus}: ${bodyExcerpt(response.body)}`;
  const requestId = headerRequestId ?? fields.requestId;
  throw new CloudError({ cloud: 'huawei', api, code, message, requestId, httpStatus });
}
