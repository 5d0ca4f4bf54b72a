/** The report rows of a resource's chain that are written the same way from several places. */
import type { Backup } from '../targets/types';
import type { ResourcePlan } from './plan';
import type { TargetReport } from './types';

type RowBase = Pick<TargetReport, 'provider' | 'region' | 'resourceId'>;

/** One skipped prune row per backup, all with the same reason. */
export function skippedPrunes(base: RowBase, backups: readonly Backup[], reason: string): TargetReport[] {
  return backups.map((backup) => ({
    ...base,
    action: 'prune',
    outcome: 'skipped',
    backupId: backup.id,
    backupName: backup.name,
    reason,
  }));
}

/**
 * The resource's verdict goes on its first entry that is not a prune (its create or skip). A
 * backup this run started is what the resource now has in progress: `creating`, not `never`.
 */
export function withProtection(rp: ResourcePlan, entries: TargetReport[]): TargetReport[] {
  const first = entries.find((e) => e.action !== 'prune');
  if (rp.protection && first) {
    const started = first.action === 'create' && first.outcome === 'done';
    first.protection = {
      verdict: started ? 'creating' : rp.protection.verdict,
      lastGood: rp.protection.lastGood,
    };
  }
  return entries;
}
