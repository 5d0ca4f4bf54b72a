/** `scf-backup status` for people: one table per policy, then the totals. */
import { table } from '../cli/table';
import { age } from '../protection/notices';
import type { StatusReport } from './collect';
import { ensures } from './kind-mode';

export function formatStatus(report: StatusReport): string {
  const out: string[] = [];
  for (const policy of report.policies) {
    const bound = ensures(policy.kind) ? '' : `  fresh within ${age(policy.freshnessSeconds)}`;
    out.push(`${policy.name} (${policy.kind})${bound}  next slot ${policy.nextSlot ?? 'none'}`);
    if (policy.error) out.push(`  could not be checked: ${policy.error.code}: ${policy.error.message}`);
    if (ensures(policy.kind)) {
      const rows = policy.resources.map((r) => [r.resourceId, r.region, r.verdict, r.state ?? '']);
      out.push(table([['repository', 'region', 'verdict', 'state'], ...rows]).replace(/^/gm, '  '));
    } else if (policy.resources.length > 0) {
      const rows = policy.resources.map((r) => [
        r.resourceId,
        r.region,
        r.verdict,
        r.lastGood?.backupName ?? '-',
        r.lastGood?.slot ?? '-',
        r.lastGood ? `${age(r.lastGood.ageSeconds)} ago` : '-',
        String(r.kept),
      ]);
      const header = ['resource', 'region', 'verdict', 'newest good backup', 'slot', 'age', 'kept'];
      out.push(table([header, ...rows]).replace(/^/gm, '  '));
      for (const r of policy.resources)
        for (const copy of r.copies ?? [])
          out.push(
            `  ${r.resourceId} copy in ${copy.region}: ${copy.outcome}${copy.reason ? ` (${copy.reason})` : ''}`,
          );
    } else if (!policy.error) out.push('  no resources selected');
    out.push('');
  }
  const t = report.totals;
  const parts = Object.entries(t)
    .filter(([verdict, n]) => n > 0 || ['fresh', 'stale', 'never', 'failed'].includes(verdict))
    .map(([verdict, n]) => `${n} ${verdict}`);
  out.push(`${report.generatedAt}: ${parts.join(', ')}`);
  return out.join('\n');
}
