/**
 * One resource's plan: skip the slot when a backup of it is live, fail it when its attempts are
 * spent or its name would break the kind's naming rule, otherwise create; and prune what
 * retention lets go. Pure: the backups were listed by the caller.
 */
import type { BackupPolicy } from '../policy/schema';
import type { ProtectionNotice } from '../protection/notices';
import type { ResourceProtection } from '../protection/verdict';
import type { Backup, NameRule, Resource } from '../targets/types';
import { backupName, isOwnedBy, isoSeconds, nameRuleProblem, parseBackupName } from './naming';
import { expiredBackups } from './retention';
import type { ReportedError } from './types';

export interface ResourcePlan {
  resource: Resource;
  create?: { name: string };
  skip?: { reason: string; backup?: Backup };
  fail?: { reason: string; error: ReportedError };
  /** Discovered but not listed: the time limit came first. A continuation plans it again. */
  notListed?: true;
  /** Something that will go wrong later (keepLast above the cloud's quota), told in the report. */
  warning?: string;
  /** Listed only to check its protection: the policy is not due (or this is `status`). */
  checkOnly?: true;
  prune: Backup[];
  protection?: ResourceProtection;
  /** What this run alerts about the resource's protection, when anything. */
  notice?: ProtectionNotice;
}

export const NO_BACKUPS: Backup[] = [];

/** The policy kinds that make backups (not the TKE repositories, which are ensured). */
export type BackupMakingPolicy = Extract<BackupPolicy, { maxAttempts: number }>;

/** The backup for this slot that already exists, and the attempt number a new one would need. */
export function slotBackup(policyName: string, slot: Date, resourceId: string, backups: Backup[]) {
  let live: Backup | undefined;
  let lastAttempt = 0;
  for (const backup of backups) {
    const parsed = parseBackupName(backup.name);
    if (!isOwnedBy(backup.name, policyName, resourceId) || parsed?.slot.getTime() !== slot.getTime())
      continue;
    if (backup.state !== 'failed') live ??= backup;
    // The highest attempt, not the count: a failed attempt someone deleted must not make the next
    // name that of a failed attempt still there (DWS refuses the duplicate on every later run).
    lastAttempt = Math.max(lastAttempt, parsed.attempt);
  }
  return { live, nextAttempt: lastAttempt + 1 };
}

function failure(code: string, reason: string): ResourcePlan['fail'] {
  return { reason, error: { code, message: reason } };
}

export function planResource(
  policy: BackupMakingPolicy,
  slot: Date,
  resource: Resource,
  backups: Backup[],
  now: Date,
  nameRule: NameRule,
): ResourcePlan {
  const { retention } = policy;
  const { live, nextAttempt } = slotBackup(policy.name, slot, resource.id, backups);
  const plan: ResourcePlan = { resource, prune: NO_BACKUPS };
  const slotText = isoSeconds(slot);
  if (live) {
    plan.skip = {
      reason: `slot ${slotText} already backed up by ${live.name} (${live.id}, ${live.cloudState})`,
      backup: live,
    };
  } else if (nextAttempt > policy.maxAttempts) {
    // Every attempt the policy allows ended failed: making more would only pile up failed backups.
    const reason = `${nextAttempt - 1} attempts failed in slot ${slotText}; no more until the next slot (maxAttempts ${policy.maxAttempts})`;
    plan.fail = failure('AttemptsExhausted', reason);
    return plan;
  } else {
    const name = backupName(policy.name, slot, resource.id, nextAttempt);
    const problem = nameRuleProblem(name, nameRule);
    if (problem) {
      // Ours to catch, before the cloud refuses it (or, worse, accepts a name retention cannot read).
      plan.fail = failure('InvalidBackupName', `backup name ${name} ${problem} (${policy.kind} naming rule)`);
      return plan;
    }
    plan.create = { name };
  }
  plan.prune = expiredBackups({
    policyName: policy.name,
    resourceId: resource.id,
    backups,
    rule: retention,
    now,
    newBackupName: plan.create?.name,
  });
  const quota = resource.backupQuota;
  if (quota !== undefined && retention.keepLast !== undefined && retention.keepLast > quota) {
    plan.warning =
      `keepLast ${retention.keepLast} exceeds the ${quota} backups the cloud lets this resource keep: ` +
      'creates are refused once the quota is full and only what retention allows is pruned; ' +
      'lower keepLast or raise the quota';
  }
  return plan;
}
