/**
 * One create attempt as the resource's chain sees it: the create (execute-create.ts), and on a
 * quota refusal the relief; and the reason a failed one is reported with.
 */
import { attemptFailureOf, withAttemptFailure } from './attempt-failure';
import { createBackup, isQuotaRefusal, type CreateResult } from './execute-create';
import type { ExecuteOptions } from './execute';
import { pruneBackups } from './execute-prune';
import type { BackupPolicyPlan, ResourcePlan } from './plan';
import type { PolicyState } from './policy-state';
import type { TargetReport } from './types';

/**
 * The create, and on a quota refusal the relief: prune what retention already lets go, then try
 * once more. Without it a keepLast above the quota deadlocks: every create is refused and a failed
 * create skips the prunes that would make room. `relieved` says the prunes have been done.
 */
export async function createWithQuotaRelief(
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
    if (pruned === 0) throw withAttemptFailure(error, { kind: 'quota-full', pruned: 0 });
    try {
      return { created: await createBackup(plan, rp, name, options, state), relieved: pruned };
    } catch (again) {
      throw withAttemptFailure(again, { kind: 'quota-full', pruned });
    }
  }
}

export function failureReason(error: unknown): string | undefined {
  const failure = attemptFailureOf(error);
  switch (failure?.kind) {
    case 'busy-gave-up':
      return `resource still busy after ${failure.busyRetries + 1} attempts`;
    case 'outcome-unknown':
      return 'outcome unknown: the answer was lost and the backup could not be looked up; the next run finds it or makes it';
    case 'quota-full':
      return failure.pruned === 0
        ? 'backup quota full, and retention lets none of the backups go'
        : `backup quota full: pruned ${failure.pruned} expired, then refused again`;
    default:
      return undefined;
  }
}
