/**
 * Tencent API 3.0 front door (`POST /`): common headers, TC3 authentication, action lookup,
 * rate limit and faults, then the action. Every answer is HTTP 200, errors in `Response.Error`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { simRateFor } from './rates';
import { parseTc3Authorization, type ParsedTc3Authorization } from '../lib/signing/tc3';
import { newTencentRequestId, sendTencentError, sendTencentResult } from './respond';
import { rewriteAnswer } from './answer-faults';
import { applyFaults, type SimRuntime } from './runtime';
import { hasTencentObservers, notifyTencentRequest } from './observe';
import { verifyTc3, type Tc3Verdict } from './tencent-auth';
import { checkTencentRegion, parseTencentHost } from './tencent/regions';
import { TencentApiError, type TencentActionSpec } from './types';

const INTEGER = /^\d{1,12}$/;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function parseParams(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new TencentApiError('InvalidParameter', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TencentApiError('InvalidParameter', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export function handleTencent(
  runtime: SimRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  query: string,
): void {
  const requestId = newTencentRequestId();
  const traceId = header(req, 'x-tc-traceid');
  const reply = (code: string, message: string): void =>
    sendTencentError(res, code, message, requestId, traceId);
  const authHeader = header(req, 'authorization');
  const auth = authHeader ? parseTc3Authorization(authHeader) : undefined;
  const host = header(req, 'host');
  const hostService = parseTencentHost(host).service;
  const service = auth?.service ?? hostService ?? 'unknown';
  const action = header(req, 'x-tc-action');
  const version = header(req, 'x-tc-version');
  const timestamp = header(req, 'x-tc-timestamp');
  const apiKey = `${service}.${action ?? '(none)'}`;
  const { stats } = runtime;
  stats.count(apiKey, 'calls');

  // UNCONFIRMED: GET (form-style parameters) is real but not simulated; it gets this code.
  if (req.method !== 'POST')
    return reply('UnsupportedProtocol', 'The simulator accepts POST with a JSON body only.');
  if (!action || !version || !timestamp) {
    const missing = !action ? 'X-TC-Action' : !version ? 'X-TC-Version' : 'X-TC-Timestamp';
    return reply('MissingParameter', `The request is missing a required parameter \`${missing}\`.`);
  }
  if (!INTEGER.test(timestamp)) return reply('InvalidParameter', '`X-TC-Timestamp` must be an integer.');
  const nowMs = runtime.clock.now();
  const verdict = authenticate(runtime, req, {
    auth,
    hostService,
    body,
    query,
    nowMs,
    timestampSec: Number(timestamp),
  });
  if (!verdict.ok) {
    stats.count(apiKey, 'authFailed');
    return reply(verdict.code, verdict.message);
  }
  const secretId = auth?.secretId ?? '';
  if (hasTencentObservers()) {
    const secretKey = runtime.tencentKeys.get(secretId)?.secretKey ?? '';
    const method = req.method ?? 'POST';
    const timestampSec = Number(timestamp);
    notifyTencentRequest({ method, headers: req.headers, body, query, timestampSec, secretId, secretKey });
  }
  const knownVersion = runtime.tencent.versions.get(service);
  if (knownVersion !== undefined && knownVersion !== version) {
    return reply('NoSuchVersion', `The API version \`${version}\` of \`${service}\` does not exist.`);
  }
  const spec = runtime.tencent.actions.get(apiKey);
  if (!spec)
    return reply(
      'InvalidAction',
      `The action \`${action}\` of \`${service}\` does not exist (or is not simulated).`,
    );

  // Counted per API + access host + key, as Tencent documents its limits.
  const rateKey = `${secretId}@${host ?? ''}`;
  if (runtime.rateLimitsEnabled && !runtime.limiter.admit(rateKey, apiKey, simRateFor(apiKey), nowMs)) {
    stats.count(apiKey, 'throttled');
    return reply(
      'RequestLimitExceeded',
      `The request rate of \`${apiKey}\` exceeds ${simRateFor(apiKey)} per second.`,
    );
  }
  const region = header(req, 'x-tc-region');
  try {
    checkTencentRegion(runtime.tencent.regions, region, host);
  } catch (error) {
    if (error instanceof TencentApiError) return reply(error.code, error.message);
    throw error;
  }
  const run = (): { result?: Record<string, unknown>; error?: TencentApiError } =>
    runAction(runtime, spec, body, region);
  applyFaults(
    runtime,
    res,
    apiKey,
    runtime.faults.plan(apiKey, 'tencent', service, `${region ?? ''}\n${body.toString('utf8')}`),
    {
      execute() {
        const outcome = run();
        if (outcome.error) reply(outcome.error.code, outcome.error.message);
        else {
          const result = rewriteAnswer(runtime.faults.current(), apiKey, outcome.result ?? {});
          sendTencentResult(res, result, requestId, traceId);
        }
      },
      commit: () => void run(),
      throttled: () =>
        reply('RequestLimitExceeded', `The request rate of \`${apiKey}\` exceeds the limit (injected).`),
      error: (code) => reply(code, `Injected fault: ${code}.`),
    },
  );
}

function authenticate(
  runtime: SimRuntime,
  req: IncomingMessage,
  input: {
    auth: ParsedTc3Authorization | undefined;
    hostService: string | undefined;
    body: Buffer;
    query: string;
    nowMs: number;
    timestampSec: number;
  },
): Tc3Verdict {
  const { auth, hostService } = input;
  // UNCONFIRMED: a scope naming another service than the endpoint's cannot verify there.
  if (hostService !== undefined && auth !== undefined && auth.service !== hostService) {
    const message = `The credential scope names \`${auth.service}\`, the endpoint is \`${hostService}\`.`;
    return { ok: false, code: 'AuthFailure.SignatureFailure', message };
  }
  const { body, query, nowMs, timestampSec } = input;
  return verifyTc3(
    { method: req.method ?? 'POST', query, headers: req.headers, body, timestampSec, nowMs },
    auth,
    runtime.tencentKeys,
  );
}

function runAction(
  runtime: SimRuntime,
  spec: TencentActionSpec,
  body: Buffer,
  region: string | undefined,
): { result?: Record<string, unknown>; error?: TencentApiError } {
  try {
    const params = parseParams(body);
    return { result: spec.handle({ params, region, nowMs: runtime.clock.now() }) };
  } catch (error) {
    if (error instanceof TencentApiError) return { error };
    console.error(`simulator: ${spec.service}.${spec.action} failed:`, error);
    return { error: new TencentApiError('InternalError', 'The simulator failed on this request.') };
  }
}
