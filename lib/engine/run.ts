/**
 * One run: select the policies → plan each → execute (a dry run only reports) → report. The engine
 * knows no cloud: targets do the calls, the clients sign and pace them.
 */
import { randomUUID } from 'node:crypto';
import type { BackupKind, BackupPolicy, PolicyFile } from '../policy/schema';
import { selectPolicies } from '../policy/parse';
import type { CloudClients, Registry } from '../targets/types';
import { executeBackupPolicy, type BackupPolicyExecution, type ExecuteOptions } from './execute';
import { executeEnsurePolicy } from './execute-ensure';
import { silentLogger, type Logger } from './log';
import { isoSeconds } from './naming';
import { planPolicy, type BackupPolicyPlan, type PolicyPlan, type ResourcePlan } from './plan';
import { createPool } from './pool';
import { buildReport } from './report';
import type { PolicyReport, RunReport, RunRequest, TargetReport } from './types';
import { realSleep } from '../throttle/throttle';

export interface RunOptions {
  file: PolicyFile;
  request: RunRequest;
  clients: CloudClients;
  /** The kinds' targets by name: lib/targets/registry.ts's TARGETS; a test may hand a fake. */
  registry: Registry;
  /** Already chosen by selectRunPolicies (so a caller selects once); else chosen here. */
  policies?: BackupPolicy[];
  /** The kinds this function runs (a function runs only its own); all when absent. */
  kinds?: readonly BackupKind[];
  log?: Logger;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Epoch ms after which no new work starts (the invocation's time limit, less a margin). */
  deadlineMs?: number;
  /** Resource chains in flight at once; the throttle, not this, sets the pace. */
  concurrency?: number;
  /** Report rows planned and finished so far, for a progress display. */
  onProgress?: (finished: number, planned: number) => void;
  /** Overrides for the patience settings of ExecuteOptions (tests shorten them). */
  execute?: Pick<ExecuteOptions, 'busyRetries' | 'busyDelayMs' | 'uncertainRetries' | 'errorBudget'>;
}

/** A run asked for something that cannot be (a policy of another function's kind). Exit 2. */
export class RunInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunInputError';
  }
}

/**
 * The policies a run is for: those the request names (all when none), of the function's kinds.
 * Naming a policy of another function's kind is a RunInputError. Done once per invocation: the
 * caller that needs them before the run (to know which clouds' credentials to load) passes them on.
 */
export function selectRunPolicies(
  file: PolicyFile,
  request: Pick<RunRequest, 'policies'>,
  kinds?: readonly BackupKind[],
): BackupPolicy[] {
  const selected = selectPolicies(file, request.policies);
  if (!kinds) return selected;
  const foreign = selected.filter((p) => !kinds.includes(p.kind));
  if (request.policies && foreign.length > 0) {
    throw new RunInputError(
      `${foreign.map((p) => `${p.name} (${p.kind})`).join(', ')}: not run by this function, which runs ${kinds.join(', ')}`,
    );
  }
  return selected.filter((p) => kinds.includes(p.kind));
}

function policyReport(plan: PolicyPlan, targets: TargetReport[]): PolicyReport {
  return {
    name: plan.policy.name,
    kind: plan.policy.kind,
    // Whole seconds, as the contract writes slots: SCF's cron has no finer field.
    ...(plan.slot ? { slot: isoSeconds(plan.slot) } : {}),
    ...(plan.onDemand ? { onDemand: true as const } : {}),
    ...(plan.reason ? { reason: plan.reason } : {}),
    targets,
    ...(plan.error ? { error: plan.error } : {}),
    ...(plan.freshnessMs !== undefined ? { freshnessSeconds: Math.round(plan.freshnessMs / 1000) } : {}),
    ...(plan.warnings ? { warnings: plan.warnings } : {}),
    ...noticesOf(plan),
  };
}

function noticesOf(plan: PolicyPlan): Pick<PolicyReport, 'notices'> {
  if (plan.mode !== 'backup') return {};
  const notices = plan.resources.flatMap((rp) => (rp.notice ? [rp.notice] : []));
  return notices.length > 0 ? { notices } : {};
}

function progressCounter(onProgress: RunOptions['onProgress']): ExecuteOptions['progress'] {
  if (!onProgress) return undefined;
  let planned = 0;
  let finished = 0;
  return (event, rows) => {
    if (event === 'planned') planned += rows;
    else finished += rows;
    onProgress(finished, planned);
  };
}

export async function runBackups(options: RunOptions): Promise<RunReport> {
  const clock = options.clock ?? Date.now;
  const startedAt = new Date(clock());
  const runId = options.request.continuation?.runId ?? randomUUID();
  const log = (options.log ?? silentLogger).child({ runId, trigger: options.request.trigger });
  const policies = options.policies ?? selectRunPolicies(options.file, options.request, options.kinds);
  const now = options.request.now;
  log.info('run started', {
    policies: policies.map((p) => p.name),
    dryRun: options.request.dryRun,
    now: now.toISOString(),
  });

  const pool = createPool(options.concurrency ?? 32);
  const executeOptions: ExecuteOptions = {
    clients: options.clients,
    dryRun: options.request.dryRun,
    pool,
    log,
    sleep: options.sleep ?? realSleep,
    shouldStop: () => options.deadlineMs !== undefined && clock() >= options.deadlineMs,
    progress: progressCounter(options.onProgress),
    now,
    ...options.execute,
  };
  // Each resource starts executing as soon as it is planned (a dry run only reports it).
  const executions = new Map<PolicyPlan, BackupPolicyExecution>();
  const onPlanned = (plan: BackupPolicyPlan, rp: ResourcePlan) => {
    let execution = executions.get(plan);
    if (!execution) executions.set(plan, (execution = executeBackupPolicy(plan, executeOptions)));
    execution.start(rp);
  };
  const plans = await Promise.all(
    policies.map((policy) =>
      planPolicy(policy, {
        clients: options.clients,
        registry: options.registry,
        now,
        force: options.request.force,
        onPlanned,
        shouldStop: executeOptions.shouldStop,
        // Every timer run judges every policy of its kinds, due or not (listing calls only).
        protection: { settings: options.file.protection, checkAll: options.request.trigger === 'timer' },
      }),
    ),
  );
  for (const plan of plans) {
    const count = plan.mode === 'backup' ? plan.resources.length : plan.checks.length;
    log.info('planned', {
      policy: plan.policy.name,
      slot: plan.slot && isoSeconds(plan.slot),
      resources: count,
      reason: plan.reason,
    });
  }
  const ensured = await Promise.all(
    plans.map((plan) => {
      if (plan.mode !== 'ensure') return [];
      executeOptions.progress?.('planned', plan.checks.length);
      return executeEnsurePolicy(plan, executeOptions).then((rows) => {
        executeOptions.progress?.('planned', rows.length - plan.checks.length);
        executeOptions.progress?.('finished', rows.length);
        return rows;
      });
    }),
  );
  await pool.drain();
  const targets = plans.map((plan, i) => executions.get(plan)?.reports() ?? ensured[i] ?? []);
  const report = buildReport(
    runId,
    options.request,
    startedAt,
    new Date(clock()),
    plans.map((plan, i) => policyReport(plan, targets[i] ?? [])),
  );
  log.info('run finished', { status: report.status, totals: report.totals });
  return report;
}
