/** Reports reduced to sorted one-line entries, so a test can state exactly what a run did. */
import type { RunReport, TargetReport } from '../../lib/engine/types';

export function targetsOf(report: RunReport, policy?: string): TargetReport[] {
  return report.policies.filter((p) => policy === undefined || p.name === policy).flatMap((p) => p.targets);
}

/** `<resource> <action> <outcome>`, with the backup's name for prunes (which backup matters). */
export function lines(report: RunReport, policy?: string): string[] {
  return targetsOf(report, policy)
    .map(
      (t) =>
        `${t.resourceId} ${t.action} ${t.outcome}${t.action === 'prune' ? ` ${t.backupName ?? '?'}` : ''}`,
    )
    .sort();
}
