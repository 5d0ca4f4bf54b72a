/**
 * Which of a resource's backups expire. Only this policy's own backups are considered; one still
 * being created is never deleted; failed ones are neither kept nor pruned (they hold no data and
 * are left for a person to look at); and at least `minKeep` completed backups always survive, so
 * a string of failed runs never expires the last good backup.
 */
import type { Backup } from '../targets/types';
import { isOwnedBy, parseBackupName } from './naming';

export interface RetentionRule {
  keepLast?: number;
  maxAgeMs?: number;
  minKeep: number;
}

export interface RetentionInput {
  policyName: string;
  resourceId: string;
  backups: Backup[];
  rule: RetentionRule;
  now: Date;
  /** The backup this run creates (or has just created), counted as the newest kept. */
  newBackupName?: string;
}

interface Ranked {
  backup?: Backup;
  slotMs: number;
  attempt: number;
}

export function expiredBackups({
  policyName,
  resourceId,
  backups,
  rule,
  now,
  newBackupName,
}: RetentionInput): Backup[] {
  const ranked: Ranked[] = [];
  for (const backup of backups) {
    // We only ever make manual backups: one the cloud made on its own schedule is never ours,
    // whatever it is called. Failed ones hold no data: neither kept nor pruned.
    if (!backup.manual || backup.state === 'failed' || backup.name === newBackupName) continue;
    if (!isOwnedBy(backup.name, policyName, resourceId)) continue;
    const parsed = parseBackupName(backup.name);
    if (parsed) ranked.push({ backup, slotMs: parsed.slot.getTime(), attempt: parsed.attempt });
  }
  // The new backup takes its place by its slot: a run for a past slot (--now, --force) must not
  // push newer backups out as if it were the newest.
  const made = newBackupName ? parseBackupName(newBackupName) : undefined;
  if (made) ranked.push({ slotMs: made.slot.getTime(), attempt: made.attempt });
  ranked.sort((a, b) => b.slotMs - a.slotMs || b.attempt - a.attempt);

  const expired: Backup[] = [];
  let completedKept = 0;
  ranked.forEach(({ backup, slotMs }, position) => {
    if (!backup) return;
    const beyondCount = rule.keepLast !== undefined && position >= rule.keepLast;
    const tooOld = rule.maxAgeMs !== undefined && now.getTime() - slotMs > rule.maxAgeMs;
    if ((beyondCount || tooOld) && backup.state === 'available') expired.push(backup);
    else if (backup.state === 'available') completedKept += 1;
  });

  // The floor counts completed backups only: the new one may still fail.
  let spare = rule.minKeep - completedKept;
  while (spare > 0 && expired.length > 0) {
    expired.shift(); // the newest of the expired is kept
    spare -= 1;
  }
  return expired;
}
