/**
 * Prune a resource's expired backups, one call each. A prune whose answer was lost (a timeout
 * after the cloud acted) is looked up by id before it is called failed, as a create is looked up
 * by name: the backup may well be gone. A failed prune is reported, never counted against the
 * error budget (which is about creates), and retried by the next run.
 */
import { CallAbortedError, CloudError } from '../errors/cloud-error';
import { reportedError } from './errors';
import type { ExecuteOptions } from './execute';
import { findBackup, isUncertain } from './execute-create';
import type { BackupPolicyPlan, ResourcePlan } from './plan';
import { notStartedReason, stopPolicy, type PolicyState } from './policy-state';
import type { TargetReport } from './types';

type Lookup = 'gone' | 'present' | 'unknown';

async function stillThere(plan: BackupPolicyPlan, rp: ResourcePlan, id: string, state: PolicyState) {
  try {
    const found = await findBackup(plan, rp, state.clients, (b) => b.id === id);
    return found ? 'present' : 'gone';
  } catch {
    return 'unknown';
  }
}

/** Prunes `backups` of `rp`, reporting each into `out`; the number actually deleted. */
export async function pruneBackups(
  plan: BackupPolicyPlan,
  rp: ResourcePlan,
  out: TargetReport[],
  state: PolicyState,
  options: ExecuteOptions,
): Promise<number> {
  const base = { provider: plan.target.cloud, region: rp.resource.region, resourceId: rp.resource.id };
  let pruned = 0;
  for (const backup of rp.prune) {
    const entry = { ...base, action: 'prune' as const, backupId: backup.id, backupName: backup.name };
    if (options.dryRun) {
      out.push({ ...entry, outcome: 'planned' });
      continue;
    }
    if (state.stopped !== undefined || options.shouldStop()) {
      out.push({ ...entry, outcome: 'skipped', reason: notStartedReason(state) });
      continue;
    }
    try {
      await plan.target.deleteBackup(plan.policy, rp.resource, backup, state.clients);
      out.push({ ...entry, outcome: 'done' });
      pruned += 1;
    } catch (error) {
      if (error instanceof CallAbortedError) {
        out.push({ ...entry, outcome: 'skipped', reason: notStartedReason(state) });
        continue;
      }
      const lookup: Lookup = isUncertain(error) ? await stillThere(plan, rp, backup.id, state) : 'present';
      if (lookup === 'gone') {
        out.push({ ...entry, outcome: 'done', reason: 'the answer was lost; looked up by id: deleted' });
        pruned += 1;
        continue;
      }
      out.push({
        ...entry,
        outcome: 'failed',
        error: reportedError(error),
        ...(lookup === 'unknown'
          ? { reason: 'outcome unknown: the answer was lost and the backup could not be looked up' }
          : {}),
      });
      // A role that may create but not delete fails every prune the same way: stop at one.
      if (error instanceof CloudError && error.errorClass === 'auth') {
        stopPolicy(state, error, `authentication failed (${error.code})`);
      }
    }
  }
  return pruned;
}
