/**
 * What a deploy will do, decided from read calls only (GetFunction, ListTriggers): per function
 * create, or update the code (always: the package is the point of a deploy) and the
 * configuration when a setting differs; per timer create, replace (cron or on/off differs) or
 * leave alone. A conflict that no call can fix (another runtime, a CreateFailed function) is a
 * problem of the plan, reported before anything changes.
 */
import type { FunctionSpec, TimerSpec } from './serverless-config';
import type { GetFunctionResponse, ScfApi, TriggerInfo } from './scf-api';

export type TimerAction = 'create' | 'replace' | 'unchanged';

export interface TimerPlan {
  spec: TimerSpec;
  action: TimerAction;
}

export interface FunctionPlan {
  spec: FunctionSpec;
  /** The variables that will be sent (names and values; only names are ever printed). */
  variables: Record<string, string>;
  action: 'create' | 'update';
  /** Settings that differ, by name (`memorySize`, `environment`…); empty: no configuration update. */
  configChanges: string[];
  /** Status when read (`Active`, `Updating`…); undefined for a function to create. */
  status?: string;
  timers: TimerPlan[];
  /** Timer triggers on the function that serverless.yml does not name: left alone, reported. */
  extraTimers: string[];
  problem?: string;
}

/** Timer `TriggerDesc` as SCF returns it: `{"cron":"…"}`, or the bare cron CreateTrigger took. */
export function timerCron(desc: string | undefined): string {
  const text = (desc ?? '').trim();
  try {
    const parsed = JSON.parse(text) as { cron?: unknown };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron.trim();
  } catch {
    // not JSON: the bare expression
  }
  return text;
}

const sameCron = (a: string, b: string) => a.split(/\s+/).join(' ') === b.split(/\s+/).join(' ');

const FAILED_STATUSES = new Set(['CreateFailed']);

function environmentOf(current: GetFunctionResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of current.Environment?.Variables ?? []) if (v.Key) out[v.Key] = v.Value ?? '';
  return out;
}

function sameVariables(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

export function configChanges(
  spec: FunctionSpec,
  variables: Record<string, string>,
  current: GetFunctionResponse,
): string[] {
  const changes: string[] = [];
  if (current.MemorySize !== spec.memorySize) changes.push('memorySize');
  if (current.Timeout !== spec.timeoutSec) changes.push('timeout');
  if ((current.Role ?? '') !== spec.role) changes.push('role');
  if ((current.Description ?? '') !== spec.description) changes.push('description');
  if (!sameVariables(environmentOf(current), variables)) changes.push('environment');
  return changes;
}

export function planTimers(specs: readonly TimerSpec[], existing: readonly TriggerInfo[]): TimerPlan[] {
  return specs.map((spec) => {
    const found = existing.find((t) => t.Type === 'timer' && t.TriggerName === spec.name);
    if (!found) return { spec, action: 'create' };
    const same = sameCron(timerCron(found.TriggerDesc), spec.cron) && (found.Enable === 1) === spec.enabled;
    return { spec, action: same ? 'unchanged' : 'replace' };
  });
}

export async function planFunction(
  api: ScfApi,
  spec: FunctionSpec,
  variables: Record<string, string>,
): Promise<FunctionPlan> {
  const current = await api.getFunction(spec.name);
  if (!current) {
    const timers = spec.timers.map((t): TimerPlan => ({ spec: t, action: 'create' }));
    return { spec, variables, action: 'create', configChanges: [], timers, extraTimers: [] };
  }
  const plan: FunctionPlan = {
    spec,
    variables,
    action: 'update',
    configChanges: configChanges(spec, variables, current),
    status: current.Status,
    timers: [],
    extraTimers: [],
  };
  if (current.Runtime && current.Runtime !== spec.runtime) {
    plan.problem =
      `${spec.name} runs ${current.Runtime} but serverless.yml says ${spec.runtime}; SCF cannot change ` +
      'the runtime of a function (delete it, or deploy under another stage, to move runtimes)';
    return plan;
  }
  if (current.Status && FAILED_STATUSES.has(current.Status)) {
    const why = current.StatusDesc ? ` (${current.StatusDesc})` : '';
    plan.problem = `${spec.name} is ${current.Status}${why}; delete it in the console and deploy again`;
    return plan;
  }
  const triggers = await api.listTriggers(spec.name);
  plan.timers = planTimers(spec.timers, triggers);
  plan.extraTimers = triggers
    .filter((t) => t.Type === 'timer' && !spec.timers.some((s) => s.name === t.TriggerName))
    .map((t) => t.TriggerName ?? '');
  return plan;
}
