/**
 * The human-readable summary of a run report: a table a person can read at a glance, one line per
 * failure, each slot in the policy's zone beside UTC, and counts that say what a plan would do.
 * The JSON report (--json) is the contract; this text is only for reading.
 */
import type { PolicyReport, RunReport, TargetReport } from '../engine/types';
import { NO_PAINT, type Paint } from './colour';
import { localTime } from './local-time';
import { table } from './table';

export interface SummaryOptions {
  /** Each policy's time zone, to show its slot as the policy's schedule reads it. */
  zones?: ReadonlyMap<string, string>;
  paint?: Paint;
}

/** Work that stopped before it was done, as opposed to a slot already backed up. */
const NOT_DONE = /^not (attempted|started|pruned)\b/;

/** What happened to a target, in words that tell "already there" from "not done". */
export function outcomeWord(t: TargetReport): string {
  if (t.outcome !== 'skipped') return t.outcome;
  if (t.reason !== undefined && NOT_DONE.test(t.reason)) return 'not done';
  return 'exists';
}

function detail(t: TargetReport): string {
  if (t.error) {
    const request = t.error.requestId ? ` (request ${t.error.requestId})` : '';
    const why = t.reason ? `${t.reason}: ` : '';
    return `${why}${t.error.code}: ${t.error.message}${request}`;
  }
  const name = t.backupName ?? t.backupId;
  // A reason that already names the backup needs no second copy of the name in front of it.
  if (name && t.reason?.includes(name)) return t.reason;
  return [name, t.reason].filter(Boolean).join(' — ');
}

/** The first few, then how many more: 2,000 names are not a summary. */
function listed(items: string[], max = 10): string {
  const more = items.length - max;
  return more > 0 ? `${items.slice(0, max).join(', ')} and ${more} more` : items.join(', ');
}

function notes(policy: PolicyReport): string[] {
  const warnings = [
    ...(policy.warnings ?? []).map((warning) => `${policy.name}: warning: ${warning}`),
    ...(policy.notices ?? []).map((n) => `${policy.name}: ${n.kind} ${n.resourceId}: ${n.message}`),
    ...policy.targets.flatMap((t) =>
      t.warning ? [`${policy.name}: ${t.resourceId}: warning: ${t.warning}`] : [],
    ),
  ];
  // One line per failure: the error says it all, the reason would only repeat it.
  if (policy.error)
    return [`${policy.name}: failed: ${policy.error.code}: ${policy.error.message}`, ...warnings];
  if (policy.targets.length === 0)
    return [`${policy.name}: ${policy.reason ?? 'nothing selected'}`, ...warnings];
  return warnings;
}

function slotLines(report: RunReport, zones: ReadonlyMap<string, string> | undefined): string[] {
  const rows = report.policies
    .filter((p) => p.slot !== undefined)
    .map((p) => {
      const slot = new Date(p.slot as string);
      const zone = zones?.get(p.name);
      const onDemand = p.onDemand ? ' (on demand)' : '';
      return [p.name, `${zone ? `${localTime(slot, zone)} ${zone}` : ''}${onDemand}`, p.slot as string];
    });
  return rows.length > 0 ? ['', table([['POLICY', 'SLOT', 'SLOT (UTC)'], ...rows])] : [];
}

function count(targets: TargetReport[], test: (t: TargetReport) => boolean): number {
  return targets.filter(test).length;
}

function totalsLine(report: RunReport): string {
  const targets = report.policies.flatMap((p) => p.targets);
  const notDone = count(targets, (t) => outcomeWord(t) === 'not done');
  const tail = [
    `already there ${count(targets, (t) => outcomeWord(t) === 'exists')}`,
    ...(notDone > 0 ? [`not done ${notDone}`] : []),
    `failed ${report.totals.failed}`,
  ];
  if (report.dryRun) {
    const planned = (action: TargetReport['action']) =>
      count(targets, (t) => t.action === action && t.outcome === 'planned');
    const would = `would create ${planned('create')}, ensure ${planned('ensure')}, prune ${planned('prune')}`;
    return [would, ...tail].join(', ');
  }
  return [`created ${report.totals.created}`, `pruned ${report.totals.pruned}`, ...tail].join(', ');
}

/** Resources left unprotected by a run: a dry run of resources never backed up says nothing new. */
function protectionLine(report: RunReport): string[] {
  const { stale, never } = report.totals;
  if (report.dryRun || stale + never === 0) return [];
  const unprotected = report.policies.flatMap((p) =>
    p.targets.flatMap((t) => {
      const verdict = t.protection?.verdict;
      return verdict === 'stale' || verdict === 'never' || verdict === 'failed'
        ? [`${t.resourceId} ${verdict}`]
        : [];
    }),
  );
  return [`protection: ${stale} stale, ${never} never backed up (${listed(unprotected)})`];
}

export function formatSummary(report: RunReport, options: SummaryOptions = {}): string {
  const paint = options.paint ?? NO_PAINT;
  const rows: string[][] = [['POLICY', 'KIND', 'RESOURCE', 'REGION', 'ACTION', 'OUTCOME', 'BACKUP / REASON']];
  for (const policy of report.policies) {
    for (const t of policy.targets) {
      rows.push([policy.name, policy.kind, t.resourceId, t.region, t.action, outcomeWord(t), detail(t)]);
    }
  }
  const colourOf: Record<string, (text: string) => string> = {
    done: paint.good,
    failed: paint.bad,
    'not done': paint.warn,
    exists: paint.dim,
  };
  const styled = table(rows, (text, row, col) =>
    row > 0 && col === 5 ? (colourOf[text.trim()] ?? String)(text) : text,
  );
  const status = { succeeded: paint.good, partial: paint.warn, failed: paint.bad, continued: paint.warn }[
    report.status
  ](report.status);
  const mode = report.dryRun ? 'plan (dry run: nothing was changed)' : 'run';
  const policyNotes = report.policies.flatMap(notes);
  return [
    `${mode} ${report.runId} — ${status}`,
    '',
    rows.length > 1 ? styled : '(no targets)',
    ...slotLines(report, options.zones),
    ...(policyNotes.length > 0 ? ['', ...policyNotes] : []),
    '',
    totalsLine(report),
    ...protectionLine(report),
  ].join('\n');
}
