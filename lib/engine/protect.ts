/**
 * The engine's hook into lib/protection: each resource's backups, once listed for planning, also
 * give its protection verdict and the notice (if any) this run raises about it. No extra calls.
 */
import type { BackupPolicy, ProtectionSettings } from '../policy/schema';
import { freshnessBoundMs } from '../protection/freshness';
import { isDigestRun, noticeOf } from '../protection/notices';
import { protectionOf } from '../protection/verdict';
import type { Backup, BackupTarget, Resource } from '../targets/types';
import type { ResourcePlan } from './plan';

export interface ProtectionCheck {
  policyName: string;
  now: Date;
  freshnessMs: number;
  catchUpMs: number;
  stuckAfterMs: number;
  timerPeriodMs: number;
  digest: boolean;
}

export function protectionCheck(
  policy: BackupPolicy,
  target: BackupTarget,
  settings: ProtectionSettings,
  now: Date,
): ProtectionCheck {
  const freshness = 'freshness' in policy ? policy.freshness : undefined;
  return {
    policyName: policy.name,
    now,
    freshnessMs: freshnessBoundMs({ ...policy, freshness }, now),
    catchUpMs: policy.catchUpMs,
    stuckAfterMs: target.stuckAfterMs,
    timerPeriodMs: settings.timerPeriodMs,
    digest: isDigestRun(now, policy.timezone, settings.digestHour, settings.timerPeriodMs),
  };
}

/** Sets the resource plan's protection and notice from the backups its listing returned. */
export function protect(
  check: ProtectionCheck,
  rp: ResourcePlan,
  resource: Resource,
  backups: Backup[],
  slot: Date | undefined,
) {
  const protection = protectionOf({
    policyName: check.policyName,
    resourceId: resource.id,
    backups,
    now: check.now,
    freshnessMs: check.freshnessMs,
    stuckAfterMs: check.stuckAfterMs,
  });
  rp.protection = protection;
  // A run that makes a new backup of the resource is the one that saw its last attempt fail: the
  // next run sees the new backup as the latest instead.
  const making = rp.create
    ? protection.latestSlot?.getTime() === slot?.getTime()
      ? 'retry'
      : 'next'
    : undefined;
  const notice = noticeOf(resource, protection, { ...check, making });
  if (notice) rp.notice = notice;
}
