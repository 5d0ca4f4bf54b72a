/**
 * Tencent Cloud API 3.0 client (the Tencent Cloud API 3.0 documentation): POST `/` with a JSON body, signed
 * TC3-HMAC-SHA256, paced per action, retried by the rules in lib/throttle/retry.ts.
 * Errors arrive in HTTP 200 bodies (`Response.Error`), so the body decides, not the status.
 */
import { bodyExcerpt, isRecord, parseJsonBody, sendFor } from '../http/send';
import type { HttpResponse } from '../http/types';
import { signTc3 } from '../signing/tc3';
import { pacedApiCall, resolveCallSettings, type CallSettingsOptions } from '../throttle/call-settings';
import { paceLane } from './api-rates';
import type { TencentCredentials } from './credentials';
import { CloudError } from '../errors/cloud-error';
import { tencentHost } from './regions';
import type { CallOptions, TencentCaller } from './types';

export interface TencentClientOptions extends CallSettingsOptions {
  credentials: TencentCredentials;
  /**
   * Base URL for every service (`TENCENTCLOUD_ENDPOINT`, e.g. the simulator). Only the origin is
   * used, as the address to connect to: the Host header and the credential scope keep the real
   * host and service name, so whoever answers there can tell which host was meant.
   */
  endpoint?: string;
  /** Regional hosts for every region (`TENCENTCLOUD_REGIONAL_HOSTS`); finance regions always. */
  regionalHosts?: boolean;
}

/** Code for an answer that is not API 3.0 JSON: classified transient, like a cut connection. */
const BAD_RESPONSE = 'BadResponse';

/** Where the request goes: the endpoint override, else the real host. */
export function tencentUrl(host: string, endpoint: string | undefined): URL {
  return endpoint ? new URL('/', endpoint) : new URL(`https://${host}/`);
}

export function createTencentClient(options: TencentClientOptions): TencentCaller {
  const settings = resolveCallSettings(options);
  const { secretId, secretKey, sessionToken } = options.credentials;

  return {
    call<TResponse = Record<string, unknown>>(
      service: string,
      version: string,
      action: string,
      region: string | undefined,
      params: object,
      callOptions: CallOptions = {},
    ): Promise<TResponse & { RequestId: string }> {
      const api = `${service}.${action}`;
      const host = tencentHost(service, region, options.regionalHosts);
      const url = tencentUrl(host, options.endpoint);
      // Serialized once: the bytes hashed into the signature are the bytes sent, on every attempt.
      const body = Buffer.from(JSON.stringify(params), 'utf8');
      const contentType = 'application/json';

      const attempt = async (): Promise<TResponse & { RequestId: string }> => {
        // Re-signed per attempt: a retry after a long back-off must not carry a stale timestamp.
        const timestampSec = Math.floor(settings.clock() / 1000);
        const headers: Record<string, string> = {
          'Content-Type': contentType,
          Host: host,
          'X-TC-Action': action,
          'X-TC-Version': version,
          'X-TC-Timestamp': String(timestampSec),
        };
        if (region) headers['X-TC-Region'] = region;
        if (sessionToken) headers['X-TC-Token'] = sessionToken;
        headers.Authorization = signTc3(
          {
            method: 'POST',
            signedHeaders: { 'content-type': contentType, host, 'x-tc-action': action },
            body,
            timestampSec,
            service,
          },
          { secretId, secretKey },
        ).authorization;
        const response = await sendFor('tencent', api, settings.transport, {
          method: 'POST',
          url,
          headers,
          body,
          ...settings.timeouts,
        });
        return parseTencentResponse<TResponse>(api, response);
      };

      // Tencent counts rates per API + access host: one pacing lane each.
      return pacedApiCall(settings, api, { ...callOptions, lane: paceLane(api, host) }, attempt);
    },
  };
}

/** The `Response` object of a 200 answer, or the CloudError it describes. */
export function parseTencentResponse<TResponse>(
  api: string,
  response: HttpResponse,
): TResponse & { RequestId: string } {
  const httpStatus = response.status;
  const parsed = response.body.length === 0 ? undefined : parseJsonBody(response.body);
  const envelope = isRecord(parsed) && isRecord(parsed.Response) ? parsed.Response : undefined;
  const requestId = typeof envelope?.RequestId === 'string' ? envelope.RequestId : undefined;

  if (envelope && isRecord(envelope.Error)) {
    const { Code, Message } = envelope.Error;
    const code = typeof Code === 'string' && Code !== '' ? Code : BAD_RESPONSE;
    const message = typeof Message === 'string' ? Message : bodyExcerpt(response.body);
    throw new CloudError({ cloud: 'tencent', api, code, message, requestId, httpStatus });
  }
  if (httpStatus !== 200) {
    // Not from the API itself (a proxy, a gateway): classified by its status, 5xx transient.
    const message = `HTTP ${httpStatus}: ${bodyExcerpt(response.body)}`;
    throw new CloudError({
      cloud: 'tencent',
      api,
      code: `HTTP.${httpStatus}`,
      message,
      requestId,
      httpStatus,
    });
  }
  if (!envelope) {
    const message = `not an API 3.0 answer: ${bodyExcerpt(response.body)}`;
    throw new CloudError({ cloud: 'tencent', api, code: BAD_RESPONSE, message, httpStatus });
  }
  return envelope as TResponse & { RequestId: string };
}
