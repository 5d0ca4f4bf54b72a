/**
 * Huawei REST front door: route by method and path, SDK-HMAC-SHA256 authentication and the
 * project check, rate limit and faults, then the route's handler. Real statuses, errors as
 * `{error_code, error_msg}` and an `X-Request-Id` on every answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { simRateFor } from './rates';
import { verifySdkHmac } from './huawei-auth';
import { regionOfHost } from './huawei/projects';
import { newHuaweiRequestId, sendHuaweiError, sendHuaweiJson } from './respond';
import { rewriteAnswer } from './answer-faults';
import { applyFaults, type SimRuntime } from './runtime';
import { HuaweiApiError, type HuaweiRouteResponse, type HuaweiRouteSpec } from './types';

const AUTH_CODE = 'APIGW.0301';
const THROTTLE_CODE = 'APIGW.0308';
/** Each service's "bad parameter" code, for a body that is not JSON at all. */
const BAD_BODY_CODES: Readonly<Record<string, string>> = { dws: 'DWS.0001', gaussdb: 'DBS.200001' };
const SERVER_ERROR_CODES: Readonly<Record<string, string>> = { dws: 'DWS.0005', gaussdb: 'DBS.05000000' };

function findRoute(
  routes: readonly HuaweiRouteSpec[],
  method: string,
  path: string,
): { route: HuaweiRouteSpec; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.path.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return undefined;
}

function runRoute(
  runtime: SimRuntime,
  route: HuaweiRouteSpec,
  params: Record<string, string>,
  rawQuery: string,
  body: Buffer,
  region: string | undefined,
): HuaweiRouteResponse | HuaweiApiError {
  let parsed: unknown;
  if (body.length > 0) {
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return new HuaweiApiError(
        400,
        BAD_BODY_CODES[route.service] ?? 'APIGW.0201',
        'The request body is not valid JSON.',
      );
    }
  }
  try {
    return route.handle({
      params,
      query: new URLSearchParams(rawQuery),
      region,
      body: parsed,
      nowMs: runtime.clock.now(),
    });
  } catch (error) {
    if (error instanceof HuaweiApiError) return error;
    console.error(`simulator: ${route.service}.${route.action} failed:`, error);
    return new HuaweiApiError(
      500,
      SERVER_ERROR_CODES[route.service] ?? 'DBS.05000000',
      'The simulator failed on this request.',
    );
  }
}

export function handleHuawei(
  runtime: SimRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  path: string,
  rawQuery: string,
): void {
  const requestId = newHuaweiRequestId();
  const method = req.method ?? 'GET';
  const found = findRoute(runtime.huawei.routes, method, path);
  if (!found) {
    return sendHuaweiError(
      res,
      'APIGW.0101',
      'The API does not exist or has not been published in the environment.',
      requestId,
    );
  }
  const { route, params } = found;
  const apiKey = `${route.service}.${route.action}`;
  const { stats } = runtime;
  stats.count(apiKey, 'calls');
  const nowMs = runtime.clock.now();
  const verdict = verifySdkHmac(
    { method, path, rawQuery, headers: req.headers, body, nowMs },
    runtime.huaweiKeys,
  );
  const projectHeader = req.headers['x-project-id'];
  // A path naming another project than the AK's passes the gateway; the routes answer it with
  // their service's "no permission" code (sim/huawei/index.ts).
  const denial = !verdict.ok
    ? verdict.message
    : projectHeader !== undefined && projectHeader !== params.project_id
      ? 'Incorrect IAM authentication information: X-Project-Id does not match the project_id in the path'
      : undefined;
  if (denial !== undefined || !verdict.ok) {
    stats.count(apiKey, 'authFailed');
    return sendHuaweiError(res, AUTH_CODE, denial ?? '', requestId);
  }
  const limit = simRateFor(apiKey);
  const throttleMessage = `The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second`;
  // The host names the service's region (`dws.cn-east-3.myhuaweicloud.com`); a bare address
  // (a test calling 127.0.0.1 directly) leaves the region to the path's project.
  const host = typeof req.headers.host === 'string' ? req.headers.host : '';
  const region = regionOfHost(host);
  // Counted per key and host, as each regional gateway counts its own.
  if (runtime.rateLimitsEnabled && !runtime.limiter.admit(`${verdict.ak}@${host}`, apiKey, limit, nowMs)) {
    stats.count(apiKey, 'throttled');
    return sendHuaweiError(res, THROTTLE_CODE, throttleMessage, requestId);
  }
  const run = (): HuaweiRouteResponse | HuaweiApiError =>
    runRoute(runtime, route, params, rawQuery, body, region);
  applyFaults(
    runtime,
    res,
    apiKey,
    runtime.faults.plan(
      apiKey,
      'huawei',
      route.service,
      `${method} ${path}?${rawQuery}\n${body.toString('utf8')}`,
    ),
    {
      execute() {
        const outcome = run();
        if (outcome instanceof HuaweiApiError)
          sendHuaweiError(res, outcome.code, outcome.message, requestId, outcome.status);
        else {
          const body = rewriteAnswer(runtime.faults.current(), apiKey, outcome.body);
          sendHuaweiJson(res, outcome.status, body, requestId);
        }
      },
      commit: () => void run(),
      throttled: () => sendHuaweiError(res, THROTTLE_CODE, throttleMessage, requestId),
      error: (code) => sendHuaweiError(res, code, `Injected fault: ${code}.`, requestId),
    },
  );
}
