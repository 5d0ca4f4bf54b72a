/**
 * Execute a plan: one chain per resource (create, then prune), so a resource never has two of our
 * backups in progress at once; chains run side by side in a pool while the clients pace each API.
 * Creates are in execute-create.ts, prunes in execute-prune.ts; this file decides the order, what
 * a failure means for the rest of the resource, and the policy's error budget.
 */
import { CallAbortedError, CloudError } from '../cloud/errors';
import type { CloudClients } from '../targets/types';
import { reportedError } from './errors';
import { createBackup, isQuotaRefusal, type CreateResult } from './execute-create';
import { pruneBackups } from './execute-prune';
import type { Logger } from './log';
import type { BackupPolicyPlan, ResourcePlan } from './plan';
import { createPolicyState, notStartedReason, stopPolicy, type PolicyState } from './policy-state';
import type { WorkPool } from './pool';
import { NOT_STARTED_REASON } from './report';
import type { TargetReport } from './types';

export interface ExecuteOptions {
  clients: CloudClients;
  dryRun: boolean;
  pool: WorkPool;
  log: Logger;
  sleep: (ms: number) => Promise<void>;
  /** True once the run should start no new work (its time limit is near). */
  shouldStop: () => boolean;
  /** How often, and how patiently, a busy resource is tried again. */
  busyRetries?: number;
  busyDelayMs?: number;
  /** How often a create whose outcome is unknown (timeout, dropped connection, 5xx) is tried again. */
  uncertainRetries?: number;
  /** A policy stops after this many failed creates once they are also half of those answered. */
  errorBudget?: number;
  /** Report rows planned and finished (the CLI's progress: its count matches the summary's rows). */
  progress?: (event: 'planned' | 'finished', rows: number) => void;
}

/**
 * The create, and on a quota refusal the relief: prune what retention already lets go, then try
 * once more. Without it a keepLast above the quota deadlocks: every create is refused and a failed
 * create skips the prunes that would make room. `relieved` says the prunes have been done.
 */
async function createWithQuotaRelief(
  plan: BackupPolicyPlan,
  rp: ResourcePlan,
  out: TargetReport[],
  state: PolicyState,
  options: ExecuteOptions,
): Promise<{ created: CreateResult; relieved: number | undefined }> {
  const name = rp.create!.name;
  try {
    return { created: await createBackup(plan, rp, name, options, state), relieved: undefined };
  } catch (error) {
    if (!isQuotaRefusal(plan, error)) throw error;
    const pruned = rp.prune.length > 0 ? await pruneBackups(plan, rp, out, state, options) : 0;
    if (pruned === 0) throw Object.assign(error as Error, { relieved: 0 });
    try {
      return { created: await createBackup(plan, rp, name, options, state), relieved: pruned };
    } catch (again) {
      throw Object.assign(again as Error, { relieved: pruned });
    }
  }
}

function failureReason(error: unknown): string | undefined {
  const { busyGaveUp, outcomeUnknown, relieved } = error as {
    busyGaveUp?: number;
    outcomeUnknown?: boolean;
    relieved?: number;
  };
  if (busyGaveUp) return `resource still busy after ${busyGaveUp + 1} attempts`;
  if (outcomeUnknown)
    return 'outcome unknown: the answer was lost and the backup could not be looked up; the next run finds it or makes it';
  if (relieved === 0) return 'backup quota full, and retention lets none of the backups go';
  if (relieved !== undefined) return `backup quota full: pruned ${relieved} expired, then refused again`;
  return undefined;
}

async function runResource(
  plan: BackupPolicyPlan,
  rp: ResourcePlan,
  out: TargetReport[],
  state: PolicyState,
  options: ExecuteOptions,
) {
  const base = { provider: plan.target.cloud, region: rp.resource.region, resourceId: rp.resource.id };
  if (rp.fail) {
    // Not a create call: a missing id or spent attempts never feed the error budget.
    out.push({ ...base, action: 'create', outcome: 'failed', reason: rp.fail.reason, error: rp.fail.error });
    return;
  }
  if (rp.checkOnly) {
    const reason = plan.reason ? `${plan.reason}; protection checked` : 'protection checked';
    out.push({ ...base, action: 'skip', outcome: 'skipped', reason });
    return;
  }
  if (rp.notListed) {
    // Even a dry run cannot say what it would do for a resource whose backups it never listed.
    out.push({ ...base, action: 'create', outcome: 'skipped', reason: NOT_STARTED_REASON });
    return;
  }
  const skipAll = (extra: Partial<TargetReport>, prunes = rp.prune) => {
    out.push({ ...base, action: 'create', outcome: 'skipped', ...extra, reason: notStartedReason(state) });
    for (const backup of prunes) {
      const reason = notStartedReason(state);
      out.push({
        ...base,
        action: 'prune',
        outcome: 'skipped',
        backupId: backup.id,
        backupName: backup.name,
        reason,
      });
    }
  };

  if (rp.skip) {
    out.push({
      ...base,
      action: 'skip',
      outcome: 'skipped',
      reason: rp.skip.reason,
      backupId: rp.skip.backup?.id,
      backupName: rp.skip.backup?.name,
    });
  } else if (rp.create) {
    const backupName = rp.create.name;
    if (!options.dryRun && state.firstAnswer) await state.firstAnswer;
    if (options.dryRun) {
      out.push({ ...base, action: 'create', outcome: 'planned', backupName });
    } else if (state.stopped !== undefined || options.shouldStop()) {
      return skipAll({ backupName });
    } else {
      let outcome: Awaited<ReturnType<typeof createWithQuotaRelief>>;
      try {
        outcome = await createWithQuotaRelief(plan, rp, out, state, options);
      } catch (error) {
        // Withdrawn before it was sent: the policy stopped while this create waited its turn.
        if (error instanceof CallAbortedError) {
          const prunedAlready = (error as { relieved?: number }).relieved !== undefined;
          return skipAll({ backupName }, prunedAlready ? [] : rp.prune);
        }
        failedCreate(plan, rp, out, state, options, error);
        return;
      }
      state.attempted += 1;
      const { created, relieved } = outcome;
      if (created.kind === 'concurrent') {
        const reason = `slot backed up by an overlapping run: ${created.backup.name} (${created.backup.cloudState})`;
        out.push({
          ...base,
          action: 'skip',
          outcome: 'skipped',
          backupId: created.backup.id,
          backupName,
          reason,
        });
        return; // the overlapping run owns this slot's retention too
      }
      const reasons = [
        relieved ? `backup quota was full: pruned ${relieved} expired first` : undefined,
        created.kind === 'recovered' ? 'the answer was lost; found the backup by name' : undefined,
      ].filter(Boolean);
      out.push({
        ...base,
        action: 'create',
        outcome: 'done',
        backupId: created.backupId,
        backupName,
        ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
      });
      options.log.info('backup created', {
        policy: plan.policy.name,
        resourceId: rp.resource.id,
        backupId: created.backupId,
        cloudRequestId: created.kind === 'created' ? created.requestId : undefined,
      });
      if (relieved) return; // its prunes are done
    }
  }
  await pruneBackups(plan, rp, out, state, options);
}

/** Reports a failed create, counts it against the error budget; the resource's prunes wait. */
function failedCreate(
  plan: BackupPolicyPlan,
  rp: ResourcePlan,
  out: TargetReport[],
  state: PolicyState,
  options: ExecuteOptions,
  error: unknown,
) {
  const base = { provider: plan.target.cloud, region: rp.resource.region, resourceId: rp.resource.id };
  // Attempts are counted as they are answered, so calls still queued for their pacing turn do not
  // dilute the error budget's ratio.
  state.attempted += 1;
  state.failed += 1;
  out.push({
    ...base,
    action: 'create',
    outcome: 'failed',
    backupName: rp.create?.name,
    error: reportedError(error),
    reason: failureReason(error),
  });
  options.log.warn('backup failed', {
    policy: plan.policy.name,
    resourceId: rp.resource.id,
    error: reportedError(error),
  });
  if (error instanceof CloudError && error.errorClass === 'auth')
    stopPolicy(state, error, `authentication failed (${error.code})`);
  const budget = options.errorBudget ?? 10;
  if (state.failed >= budget && state.failed * 2 >= state.attempted)
    stopPolicy(state, error, `error budget exhausted (${state.failed} of ${state.attempted} failed)`);
  // Never prune on a resource whose backup failed in this run (unless the quota relief already did).
  if ((error as { relieved?: number }).relieved !== undefined) return;
  for (const backup of rp.prune) {
    out.push({
      ...base,
      action: 'prune',
      outcome: 'skipped',
      backupId: backup.id,
      backupName: backup.name,
      reason: 'not pruned: the backup of this run failed',
    });
  }
}

/**
 * The resource's verdict goes on its first entry that is not a prune (its create or skip). A
 * backup this run started is what the resource now has in progress: `creating`, not `never`.
 */
function withProtection(rp: ResourcePlan, entries: TargetReport[]): TargetReport[] {
  const first = entries.find((e) => e.action !== 'prune');
  if (rp.protection && first) {
    const started = first.action === 'create' && first.outcome === 'done';
    first.protection = {
      verdict: started ? 'creating' : rp.protection.verdict,
      lastGood: rp.protection.lastGood,
    };
  }
  return entries;
}

export interface BackupPolicyExecution {
  /** Starts one resource's chain in the pool (as soon as it is planned). */
  start(resourcePlan: ResourcePlan): void;
  /** Every report entry, in the plan's resource order; complete once the pool has drained. */
  reports(): TargetReport[];
}

export function executeBackupPolicy(plan: BackupPolicyPlan, options: ExecuteOptions): BackupPolicyExecution {
  const state = createPolicyState(options.clients);
  const outputs = new Map<ResourcePlan, TargetReport[]>();
  return {
    start(rp) {
      const out: TargetReport[] = [];
      outputs.set(rp, out);
      // One row for the create (or skip, or failure), one per prune; corrected when it ends.
      const expected = 1 + rp.prune.length;
      options.progress?.('planned', expected);
      options.pool.add(() =>
        runResource(plan, rp, out, state, options).finally(() => {
          // A warning (keepLast above the quota) goes with the resource's create or skip.
          const main = out.find((t) => t.action === 'create' || t.action === 'skip') ?? out[0];
          if (rp.warning && main) main.warning = rp.warning;
          if (out.length !== expected) options.progress?.('planned', out.length - expected);
          options.progress?.('finished', out.length);
        }),
      );
    },
    reports: () => plan.resources.flatMap((rp) => withProtection(rp, outputs.get(rp) ?? [])),
  };
}
