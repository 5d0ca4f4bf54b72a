/**
 * A kind's follow-up on a resource's own backups (BackupTarget.followUp, e.g. copies to other
 * regions), after the resource's create and prunes. Its reports join the resource's; it never
 * starts once the run stops starting work or the policy has stopped (authentication refused,
 * error budget spent), nor for a resource that failed planning, was never listed, or is only
 * checked. Its calls carry the policy's abort signal like the creates and prunes.
 */
import { reportedError } from './errors';
import type { ExecuteOptions } from './execute';
import type { BackupPolicyPlan, ResourcePlan } from './plan';
import type { PolicyState } from './policy-state';
import type { TargetReport } from './types';

export async function followUp(
  plan: BackupPolicyPlan,
  rp: ResourcePlan,
  out: TargetReport[],
  state: PolicyState,
  options: ExecuteOptions,
): Promise<void> {
  const { target, policy } = plan;
  if (!target.followUp || rp.fail || rp.notListed || rp.checkOnly) return;
  if (state.stopped !== undefined || options.shouldStop()) return;
  const now = options.now ?? new Date();
  try {
    out.push(...(await target.followUp(policy, rp.resource, state.clients, { dryRun: options.dryRun, now })));
  } catch (error) {
    const { id, region } = rp.resource;
    const reason = 'follow-up of its backups failed';
    const base = { provider: target.cloud, region, resourceId: id } as const;
    out.push({ ...base, action: 'create', outcome: 'failed', reason, error: reportedError(error) });
  }
}
