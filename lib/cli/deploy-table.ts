/**
 * The deploy's table: one row per function and timer, what was (or, on --dry-run, would be)
 * done. Settings appear by name only: the environment's values are secrets and never printed.
 */
import type { DeployReport, FunctionResult } from '../deploy/deploy';
import { table } from './table';

function plannedFunction(result: FunctionResult): string {
  const { plan } = result;
  if (plan.action === 'create') return 'create';
  const config = plan.configChanges.length > 0 ? ` + configuration (${plan.configChanges.join(', ')})` : '';
  return `update code${config}`;
}

function doneFunction(result: FunctionResult): string {
  if (!result.outcome) return result.error ? 'FAILED' : plannedFunction(result);
  const { outcome } = result;
  return outcome.configChanges.length > 0
    ? `${outcome.function} (${outcome.configChanges.join(', ')})`
    : outcome.function;
}

export function formatDeploy(report: DeployReport): string {
  const { service, dryRun } = report;
  const header =
    `${dryRun ? 'deploy plan (dry run: nothing was changed)' : 'deploy'}: ${service.service} ` +
    `stage ${service.stage}, region ${service.region}, namespace default, ` +
    `${report.zipPath} (${(report.zipBytes / 1024).toFixed(1)} KiB)`;
  const rows: string[][] = [
    ['FUNCTION', 'RUNTIME', 'MEMORY', 'TIMEOUT', dryRun ? 'WOULD' : 'DONE', 'TIMER TRIGGERS'],
  ];
  const notes: string[] = [];
  for (const result of report.functions) {
    const { spec } = result.plan;
    const timerText = result.outcome
      ? result.outcome.timers.map((t) => `${t.name}: ${t.action}`).join(', ')
      : result.error
        ? 'not reached'
        : result.plan.timers.map((t) => `${t.spec.name}: ${t.action}`).join(', ');
    rows.push([
      spec.name,
      spec.runtime,
      `${spec.memorySize} MB`,
      `${spec.timeoutSec} s`,
      dryRun ? plannedFunction(result) : doneFunction(result),
      timerText || '(none)',
    ]);
    if (result.error) notes.push(`${spec.name}: FAILED: ${result.error}`);
    for (const extra of result.plan.extraTimers) {
      notes.push(`${spec.name}: timer '${extra}' is not in serverless.yml; left as it is`);
    }
  }
  const failed = report.functions.filter((f) => f.error).length;
  const total = report.functions.length;
  const footer = dryRun
    ? `${total} functions planned; run without --dry-run to deploy`
    : `${total - failed} of ${total} functions deployed${failed > 0 ? `, ${failed} failed` : ''}`;
  return [header, '', table(rows), ...(notes.length > 0 ? ['', ...notes] : []), '', footer].join('\n');
}

/**
 * `deploy --json`: the table's facts for scripts. Environment variables appear by name only,
 * like the table: their values are secrets.
 */
export function deployJson(report: DeployReport): object {
  const { service, dryRun } = report;
  return {
    service: service.service,
    stage: service.stage,
    region: service.region,
    zip: report.zipPath,
    zipBytes: report.zipBytes,
    dryRun,
    functions: report.functions.map((result) => {
      const { spec } = result.plan;
      return {
        name: spec.name,
        runtime: spec.runtime,
        memoryMb: spec.memorySize,
        timeoutSec: spec.timeoutSec,
        action: dryRun ? plannedFunction(result) : doneFunction(result),
        timers: result.outcome
          ? result.outcome.timers.map((t) => ({ name: t.name, action: t.action }))
          : result.plan.timers.map((t) => ({ name: t.spec.name, action: t.action })),
        extraTimers: result.plan.extraTimers,
        ...(result.error ? { error: result.error } : {}),
      };
    }),
  };
}
