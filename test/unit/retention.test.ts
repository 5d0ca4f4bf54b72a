import { describe, expect, it } from 'vitest';
import { backupName, isOwnedBy, parseBackupName, resourceTag } from '../../lib/engine/naming';
import { slotBackup } from '../../lib/engine/plan';
import { expiredBackups } from '../../lib/engine/retention';
import type { Backup } from '../../lib/targets/types';

const DISK = 'disk-0001';
const day = (n: number) => new Date(Date.UTC(2026, 10, n, 18));
const ours = (n: number, state: Backup['state'] = 'available', attempt = 1): Backup => ({
  id: `dbp-${n}-${attempt}`,
  name: backupName('nightly', day(n), DISK, attempt),
  resourceId: DISK,
  state,
  cloudState: state,
  manual: true,
});
const ids = (backups: Backup[]) => backups.map((b) => b.id);

describe('backup names', () => {
  it('carry the marker, policy, slot and resource, and parse back', () => {
    const name = backupName('nightly-disks', day(24), DISK);
    expect(name).toBe(`scfb-nightly-disks-20261124T180000Z-${resourceTag(DISK)}`);
    expect(parseBackupName(name)).toEqual({
      policy: 'nightly-disks',
      slot: day(24),
      resourceTag: resourceTag(DISK),
      attempt: 1,
    });
    expect(parseBackupName(backupName('nightly-disks', day(24), DISK, 2))?.attempt).toBe(2);
  });

  it('fit every API limit with the longest policy name (CDB 60; DWS and GaussDB 4–64, a letter first)', () => {
    const name = backupName('a'.repeat(24), day(24), 'x'.repeat(36), 99);
    expect(name.length).toBeLessThanOrEqual(60);
    expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{3,63}$/);
  });

  it('are ours only for the exact policy and resource', () => {
    const name = backupName('nightly', day(24), DISK);
    expect(isOwnedBy(name, 'nightly', DISK)).toBe(true);
    expect(isOwnedBy(name, 'nightly-2', DISK)).toBe(false);
    // A policy name that is a prefix of another's, both ways round.
    expect(isOwnedBy(backupName('nightly-db', day(24), DISK), 'nightly', DISK)).toBe(false);
    expect(isOwnedBy(name, 'nightly-db', DISK)).toBe(false);
    expect(isOwnedBy(name, 'night', DISK)).toBe(false);
    expect(isOwnedBy(name, 'nightly', 'disk-0002')).toBe(false);
    expect(isOwnedBy('scfb-nightly-20261124T180000Z', 'nightly', DISK)).toBe(false);
    expect(isOwnedBy(`manual-${name}`, 'nightly', DISK)).toBe(false);
  });
});

describe('expiredBackups', () => {
  const rule = { keepLast: 2, minKeep: 1 };

  it('keeps the last N counting the backup this run makes, prunes the rest', () => {
    const backups = [ours(20), ours(21), ours(22)];
    const newBackupName = backupName('nightly', day(23), DISK);
    expect(
      ids(
        expiredBackups({
          policyName: 'nightly',
          resourceId: DISK,
          backups,
          rule,
          now: day(23),
          newBackupName,
        }),
      ),
    ).toEqual(['dbp-21-1', 'dbp-20-1']);
  });

  it('places a backup for a past slot by its slot, never pushing newer ones out', () => {
    const backups = [ours(22), ours(23)];
    const newBackupName = backupName('nightly', day(20), DISK);
    expect(
      expiredBackups({ policyName: 'nightly', resourceId: DISK, backups, rule, now: day(20), newBackupName }),
    ).toEqual([]);
  });

  it('never prunes one still being created, nor a failed one, nor one not ours', () => {
    const others: Backup[] = [
      { ...ours(10), name: backupName('weekly', day(10), DISK), id: 'other-policy' },
      { ...ours(11), name: 'scfb-nightly-20261111T180000Z', id: 'lookalike' },
      { ...ours(12), manual: false, id: 'automatic' },
    ];
    const backups = [ours(13, 'creating'), ours(14, 'failed'), ...others, ours(22), ours(23)];
    const pruned = expiredBackups({
      policyName: 'nightly',
      resourceId: DISK,
      backups,
      rule: { keepLast: 1, minKeep: 1 },
      now: day(24),
    });
    expect(ids(pruned)).toEqual(['dbp-22-1']);
  });

  it('prunes by age, but always leaves minKeep completed backups', () => {
    const backups = [ours(1), ours(2), ours(3)];
    const pruned = expiredBackups({
      policyName: 'nightly',
      resourceId: DISK,
      backups,
      rule: { maxAgeMs: 7 * 86_400_000, minKeep: 2 },
      now: day(24),
      newBackupName: backupName('nightly', day(24), DISK),
    });
    expect(ids(pruned)).toEqual(['dbp-1-1']);
  });
});

describe('slotBackup', () => {
  it('finds the live backup of the slot and numbers a new attempt after the highest one', () => {
    expect(slotBackup('nightly', day(24), DISK, [ours(24, 'failed')])).toEqual({
      live: undefined,
      nextAttempt: 2,
    });
    // Attempt 1 was deleted by hand; attempt 2 (failed) is still there: the next is 3, not 2.
    expect(slotBackup('nightly', day(24), DISK, [ours(24, 'failed', 2)]).nextAttempt).toBe(3);
    const live = ours(24, 'creating', 3);
    expect(slotBackup('nightly', day(24), DISK, [ours(24, 'failed'), live, ours(23)])).toEqual({
      live,
      nextAttempt: 4,
    });
  });
});
