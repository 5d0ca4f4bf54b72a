/**
 * What SCF passes as `context` (SCF's Node.js runtime documentation). Every field is optional: the
 * docs warn fields come and go, and a console test or `scf-backup invoke` may pass fewer.
 */
export interface ScfContext {
  request_id?: string;
  function_name?: string;
  function_version?: string;
  namespace?: string;
  memory_limit_in_mb?: number;
  time_limit_in_ms?: number;
  tencentcloud_region?: string;
  tencentcloud_appid?: string;
  tencentcloud_uin?: string;
  environment?: string;
  getRemainingTimeInMillis?: () => number;
  callbackWaitsForEmptyEventLoop?: boolean;
}

/**
 * Time kept back from the limit: in-flight calls finish, alerts go out and the continuation is
 * invoked before SCF cuts the invocation off.
 */
export const DEADLINE_MARGIN_MS = 30_000;

/** Epoch ms after which the run starts no new work; undefined when the context gives no limit. */
export function deadlineOf(context: ScfContext, nowMs: number, startedMs = nowMs): number | undefined {
  const remaining =
    typeof context.getRemainingTimeInMillis === 'function'
      ? context.getRemainingTimeInMillis()
      : context.time_limit_in_ms !== undefined
        ? context.time_limit_in_ms - (nowMs - startedMs)
        : undefined;
  if (remaining === undefined || !Number.isFinite(remaining)) return undefined;
  // A short limit still gets some work done: never keep back more than half of it.
  const margin = Math.min(DEADLINE_MARGIN_MS, remaining / 2);
  return nowMs + remaining - margin;
}
