/** The doctor's report as people read it: one line per check, ✓ / ✗ / – (not checkable). */
import type { Check, CheckStatus, DoctorReport } from './types';

const SYMBOL: Record<CheckStatus, string> = { ok: '✓', fail: '✗', skip: '–' };

export function checkLine(check: Check): string {
  const took =
    check.ms !== undefined
      ? ` (${check.ms} ms)`
      : check.skewMs !== undefined && check.status === 'ok'
        ? ` (skew ${check.skewMs < 0 ? '-' : '+'}${(Math.abs(check.skewMs) / 1000).toFixed(1)} s)`
        : '';
  const fix = check.fix ? ` → fix: ${check.fix}` : '';
  return `${SYMBOL[check.status]} ${check.area.padEnd(11)} ${check.subject}: ${check.detail}${took}${fix}`;
}

export function formatChecklist(report: DoctorReport): string {
  const { ok, fail, skip } = report.counts;
  const verdict =
    report.status === 'ok'
      ? 'nothing to fix: the timers can be enabled'
      : `${fail} to fix before the timers are enabled`;
  return [
    `scf-backup doctor: ${report.policies.length} ${report.policies.length === 1 ? 'policy' : 'policies'} (${report.policies.join(', ')})`,
    ...report.checks.map(checkLine),
    `${ok} ✓, ${fail} ✗, ${skip} – not checkable: ${verdict}`,
  ].join('\n');
}
