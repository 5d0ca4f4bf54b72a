/**
 * One create attempt as the resource's chain sees it: the create (execute-create.ts), and on a
 * quota refusal the relief; and the reason a failed one is reported with.
 */
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
    if (pruned === 0) throw Object.assign(error as Error, { relieved: 0 });
    try {
      return { created: await createBackup(plan, rp, name, options, state), relieved: pruned };
    } catch (again) {
      throw Object.assign(again as Error, { relieved: pruned });
    }
  }
}

export function failureReason(error: unknown): string | undefined {
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
