/**
 * Execute a plan: one chain per resource (create, then prune), so a resource never has two of our
 * backups in progress at once; chains run side by side in a pool while the clients pace each API.
 * Creates are in execute-create.ts, prunes in execute-prune.ts; this file decides the order, what
 * a failure means for the rest of the resource, and the policy's error budget.
 */
import { CallAbortedError } from '../errors/cloud-error';
import type { CloudClients } from '../targets/types';
import { reportedError } from './errors';
import { attemptFailureOf } from './attempt-failure';
import { createWithQuotaRelief, failureReason } from './execute-attempt';
import { followUp } from './execute-follow-up';
import { pruneBackups } from './execute-prune';
import type { Logger } from './log';
import type { BackupPolicyPlan, ResourcePlan } from './plan';
import { countAnsweredCreate, countFailedCreate } from './policy-breaker';
import { createPolicyState, notStartedReason, type PolicyState } from './policy-state';
import { skippedPrunes, withProtection } from './target-rows';
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
  /** The instant the run plans for: a follow-up's retention counts from it. */
  now?: Date;
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
    out.push(...skippedPrunes(base, prunes, notStartedReason(state)));
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
          const prunedAlready = attemptFailureOf(error)?.kind === 'quota-full';
          return skipAll({ backupName }, prunedAlready ? [] : rp.prune);
        }
        failedCreate(plan, rp, out, state, options, error);
        return;
      }
      countAnsweredCreate(state);
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
  countFailedCreate(state, error, options.errorBudget);
  // Never prune on a resource whose backup failed in this run (unless the quota relief already did).
  if (attemptFailureOf(error)?.kind === 'quota-full') return;
  out.push(...skippedPrunes(base, rp.prune, 'not pruned: the backup of this run failed'));
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
        runResource(plan, rp, out, state, options)
          .then(() => followUp(plan, rp, out, state, options))
          .finally(() => {
            // A warning (keepLast above the quota) goes with the resource's create or skip.
            const main = out.find((t) => t.action === 'create' || t.action === 'skip') ?? out[0];
            if (rp.warning && main) main.warning = rp.warning;
            // A follow-up's rows are counted here too, as any other difference.
            if (out.length !== expected) options.progress?.('planned', out.length - expected);
            options.progress?.('finished', out.length);
          }),
      );
    },
    reports: () => plan.resources.flatMap((rp) => withProtection(rp, outputs.get(rp) ?? [])),
  };
}
