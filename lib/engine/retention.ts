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

export function expiredBackups({
  policyName,
  resourceId,
  backups,
  rule,
  now,
  newBackupName,
}: RetentionInput): Backup[] {
  const ours = backups
    // We only ever make manual backups: one the cloud made on its own schedule is never ours,
    // whatever it is called.
    .filter((backup) => backup.manual && isOwnedBy(backup.name, policyName, resourceId))
    .map((backup) => ({ backup, parsed: parseBackupName(backup.name) }))
    .filter(
      (entry): entry is { backup: Backup; parsed: NonNullable<typeof entry.parsed> } =>
        entry.parsed?.policy === policyName &&
        entry.backup.state !== 'failed' &&
        entry.backup.name !== newBackupName,
    )
    .sort((a, b) => b.parsed.slot.getTime() - a.parsed.slot.getTime() || b.parsed.attempt - a.parsed.attempt);

  const newCount = newBackupName ? 1 : 0;
  const expired: Backup[] = [];
  let completedKept = 0;
  ours.forEach(({ backup, parsed }, index) => {
    const position = index + newCount;
    const beyondCount = rule.keepLast !== undefined && position >= rule.keepLast;
    const tooOld = rule.maxAgeMs !== undefined && now.getTime() - parsed.slot.getTime() > rule.maxAgeMs;
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
