/**
 * Everything one running simulator shares between its HTTP handlers: the clouds (swapped whole
 * by reset), keys, the rate limiter, faults, stats and held work. Handlers get it passed in;
 * nothing here is module-global, so several simulators can run in one process.
 */
import type { ServerResponse } from 'node:http';
import type { SimCredentials, TencentKey } from './credentials';
import type { FaultInjector, FaultPlan } from './faults';
import type { PendingWork } from './pending';
import type { RateLimiter } from './rate-limit';
import type { SimStats } from './stats';
import type { HuaweiSimCloud, SimClock, TencentActionSpec, TencentSimCloud } from './types';

export interface TencentDispatch {
  cloud: TencentSimCloud;
  /** Keyed `<service>.<Action>`. */
  actions: ReadonlyMap<string, TencentActionSpec>;
  /** The one version each simulated service speaks. */
  versions: ReadonlyMap<string, string>;
  /** Regions answered: the official list and the seed's (sim/tencent/regions.ts). */
  regions: ReadonlySet<string>;
}

export interface SimRuntime {
  clock: SimClock;
  credentials: SimCredentials;
  tencentKeys: ReadonlyMap<string, TencentKey>;
  huaweiKeys: ReadonlyMap<string, string>;
  rateLimitsEnabled: boolean;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: SimStats;
  pending: PendingWork;
  tencent: TencentDispatch;
  huawei: HuaweiSimCloud;
}

export function createTencentDispatch(cloud: TencentSimCloud, regions: ReadonlySet<string>): TencentDispatch {
  const actions = new Map<string, TencentActionSpec>();
  const versions = new Map<string, string>();
  for (const spec of cloud.actions) {
    actions.set(`${spec.service}.${spec.action}`, spec);
    versions.set(spec.service, spec.version);
  }
  return { cloud, actions, versions, regions };
}

export interface FaultOutcomes {
  /** Run the action and answer it. */
  execute(): void;
  /** Run the action and answer nothing (the "succeeded, but the client timed out" case). */
  commit(): void;
  throttled(): void;
  error(code: string): void;
}

/** Carries out a fault plan; `none` with no latency is the hot path and costs one switch. */
export function applyFaults(
  runtime: SimRuntime,
  res: ServerResponse,
  apiKey: string,
  plan: FaultPlan,
  outcomes: FaultOutcomes,
): void {
  if (plan.kind !== 'none') runtime.stats.count(apiKey, 'faulted');
  if (plan.kind === 'throttle') runtime.stats.count(apiKey, 'throttled');
  const run = (): void => {
    switch (plan.kind) {
      case 'none':
        return outcomes.execute();
      case 'drop':
        res.socket?.destroy();
        return;
      case 'timeout':
        return runtime.pending.hold(res);
      case 'timeoutAfterCommit':
        outcomes.commit();
        return runtime.pending.hold(res);
      case 'throttle':
        return outcomes.throttled();
      case 'error':
        return outcomes.error(plan.code ?? 'InternalError');
    }
  };
  if (plan.latencyMs > 0) runtime.pending.delay(plan.latencyMs, run);
  else run();
}
