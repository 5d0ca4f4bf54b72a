/**
 * Carries out one function's plan. SCF creates and updates asynchronously and refuses the next
 * change until the function is `Active` again, so every change is followed by a bounded wait
 * (GetFunction polled with growing pauses). A failed status or a wait that runs out is reported
 * with the function's name and status, and the remaining steps of that function are not tried.
 */
import { FunctionStateError } from './errors';
import type { FunctionPlan, TimerPlan } from './plan';
import { SCF_NAMESPACE, type ScfApi } from './scf-api';
import { realSleep } from '../throttle/throttle';

export interface WaitOptions {
  /** Give up waiting for `Active` after this long; default 5 minutes. */
  waitTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
}

export interface FunctionOutcome {
  name: string;
  function: 'created' | 'code updated' | 'code and configuration updated';
  configChanges: string[];
  timers: { name: string; action: 'created' | 'replaced' | 'unchanged' }[];
}

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 3000;
const DEFAULT_WAIT_MS = 5 * 60_000;

export async function waitActive(api: ScfApi, name: string, options: WaitOptions = {}): Promise<void> {
  const sleep = options.sleep ?? realSleep;
  const clock = options.clock ?? Date.now;
  const deadline = clock() + (options.waitTimeoutMs ?? DEFAULT_WAIT_MS);
  let pauseMs = FIRST_POLL_MS;
  let status = 'unknown';
  for (;;) {
    await sleep(pauseMs);
    const current = await api.getFunction(name);
    // UNCONFIRMED: right after CreateFunction a read may not see the function yet; keep waiting.
    status = current?.Status ?? 'not visible yet';
    if (status === 'Active') return;
    if (status.endsWith('Failed')) {
      const reasons = (current?.StatusReasons ?? []).map((r) => `${r.ErrorCode}: ${r.ErrorMessage}`);
      const why = [current?.StatusDesc, ...reasons].filter(Boolean).join('; ');
      throw new FunctionStateError(name, `${status}${why ? ` (${why})` : ''}`);
    }
    if (clock() >= deadline) {
      const waitedSec = Math.round((options.waitTimeoutMs ?? DEFAULT_WAIT_MS) / 1000);
      throw new FunctionStateError(
        name,
        `still ${status} after ${waitedSec} s; run deploy again once it is Active`,
      );
    }
    pauseMs = Math.min(pauseMs * 2, MAX_POLL_MS);
  }
}

function configuration(plan: FunctionPlan) {
  const { spec, variables } = plan;
  return {
    FunctionName: spec.name,
    Namespace: SCF_NAMESPACE,
    MemorySize: spec.memorySize,
    Timeout: spec.timeoutSec,
    Description: spec.description,
    Environment: { Variables: Object.entries(variables).map(([Key, Value]) => ({ Key, Value })) },
    ...(spec.role ? { Role: spec.role } : {}),
  };
}

async function applyTimer(api: ScfApi, name: string, timer: TimerPlan): Promise<void> {
  if (timer.action === 'unchanged') return;
  if (timer.action === 'replace') {
    await api.deleteTrigger({
      FunctionName: name,
      Namespace: SCF_NAMESPACE,
      TriggerName: timer.spec.name,
      Type: 'timer',
    });
  }
  await api.createTrigger({
    FunctionName: name,
    Namespace: SCF_NAMESPACE,
    TriggerName: timer.spec.name,
    Type: 'timer',
    TriggerDesc: timer.spec.cron,
    Enable: timer.spec.enabled ? 'OPEN' : 'CLOSE',
  });
}

export async function applyFunction(
  api: ScfApi,
  plan: FunctionPlan,
  zipBase64: string,
  options: WaitOptions = {},
): Promise<FunctionOutcome> {
  const { spec } = plan;
  let done: FunctionOutcome['function'];
  if (plan.action === 'create') {
    await api.createFunction({
      ...configuration(plan),
      Code: { ZipFile: zipBase64 },
      Handler: spec.handler,
      Runtime: spec.runtime,
      Type: 'Event',
    });
    await waitActive(api, spec.name, options);
    done = 'created';
  } else {
    // Another deploy (or the console) may still be busy with it: start from a function at rest.
    if (plan.status !== 'Active') await waitActive(api, spec.name, options);
    await api.updateFunctionCode({
      FunctionName: spec.name,
      Namespace: SCF_NAMESPACE,
      Handler: spec.handler,
      ZipFile: zipBase64,
    });
    await waitActive(api, spec.name, options);
    done = 'code updated';
    if (plan.configChanges.length > 0) {
      await api.updateFunctionConfiguration(configuration(plan));
      await waitActive(api, spec.name, options);
      done = 'code and configuration updated';
    }
  }
  const timers: FunctionOutcome['timers'] = [];
  for (const timer of plan.timers) {
    await applyTimer(api, spec.name, timer);
    const action =
      timer.action === 'create' ? 'created' : timer.action === 'replace' ? 'replaced' : 'unchanged';
    timers.push({ name: timer.spec.name, action });
  }
  return { name: spec.name, function: done, configChanges: plan.configChanges, timers };
}
