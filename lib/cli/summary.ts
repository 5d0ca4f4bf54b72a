/** The human-readable summary: a table a person can read at a glance, then the totals. */
import type { RunReport } from '../engine/types';
import { table } from './table';

/** The first few, then how many more: 2,000 names are not a summary. */
function listed(items: string[], max = 10): string {
  const more = items.length - max;
  return more > 0 ? `${items.slice(0, max).join(', ')} and ${more} more` : items.join(', ');
}

export function formatSummary(report: RunReport): string {
  const rows: string[][] = [['POLICY', 'KIND', 'RESOURCE', 'REGION', 'ACTION', 'OUTCOME', 'BACKUP / REASON']];
  const notes: string[] = [];
  const unprotected: string[] = [];
  for (const policy of report.policies) {
    if (policy.targets.length === 0) {
      notes.push(`${policy.name}: ${policy.reason ?? 'nothing selected'}`);
    }
    if (policy.error) notes.push(`${policy.name}: FAILED ${policy.error.code}: ${policy.error.message}`);
    for (const warning of policy.warnings ?? []) notes.push(`${policy.name}: warning: ${warning}`);
    for (const n of policy.notices ?? [])
      notes.push(`${policy.name}: ${n.kind} ${n.resourceId}: ${n.message}`);
    for (const t of policy.targets) {
      const detail = t.error
        ? `${t.error.code}: ${t.error.message}${t.error.requestId ? ` (request ${t.error.requestId})` : ''}`
        : [t.backupName ?? t.backupId, t.reason].filter(Boolean).join(' — ');
      rows.push([policy.name, policy.kind, t.resourceId, t.region, t.action, t.outcome, detail]);
      const verdict = t.protection?.verdict;
      if (verdict === 'stale' || verdict === 'never' || verdict === 'failed')
        unprotected.push(`${t.resourceId} ${verdict}`);
      if (t.warning) notes.push(`${policy.name}: ${t.resourceId}: warning: ${t.warning}`);
    }
  }
  const { created, skipped, pruned, failed, stale, never } = report.totals;
  const mode = report.dryRun ? 'plan (dry run: nothing was changed)' : 'run';
  return [
    `${mode} ${report.runId} — ${report.status}`,
    '',
    rows.length > 1 ? table(rows) : '(no targets)',
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
    `created ${created}, skipped ${skipped}, pruned ${pruned}, failed ${failed}`,
    // A dry run of resources never backed up says nothing new; a run that leaves them so does.
    ...(!report.dryRun && stale + never > 0
      ? [`protection: ${stale} stale, ${never} never backed up (${listed(unprotected)})`]
      : []),
  ].join('\n');
}
