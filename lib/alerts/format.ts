/**
 * One aggregated alert text per run and channel, in the channel's flavour of markup and within
 * its size limit: the head (run id, trigger, status) always, then per failing policy its counts
 * and each failure, and "… and N more failures" when they do not all fit.
 */
import type { ReportedError, RunReport } from '../engine/types';
import { type AlertPolicySummary, type AlertSummary, summarizeAlert } from './summary';
import { type FitItem, cutToSize, fitLines } from './text-size';
import type { AlertText, SizeUnit, TextFlavor } from './types';

export interface AlertFormat {
  flavor: TextFlavor;
  maxSize: number;
  unit: SizeUnit;
}

/** WeCom's text limit, the smallest of the channels: a safe default. */
export const DEFAULT_ALERT_FORMAT: AlertFormat = { flavor: 'plain', maxSize: 2048, unit: 'bytes' };

/** A cloud's error message can run to kilobytes; one failure line must not eat the message. */
const MAX_FIELD_CHARS = 300;

/**
 * Report values come from clouds and users: collapse newlines (one failure, one line) and
 * neutralize what the channel would read as markup (`<font>`/`<@user>` in WeCom and DingTalk,
 * `<!channel>` and links in Slack).
 */
function clean(value: string, flavor: TextFlavor): string {
  const flat = cutToSize(value.replace(/\s+/g, ' ').trim(), MAX_FIELD_CHARS, 'chars');
  switch (flavor) {
    case 'slack':
      return flat.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    case 'markdown':
      return flat.replace(/</g, '‹').replace(/>/g, '›').replace(/`/g, "'");
    case 'plain':
      return flat;
  }
}

function bold(text: string, flavor: TextFlavor): string {
  if (flavor === 'markdown') return `**${text}**`;
  if (flavor === 'slack') return `*${text}*`;
  return text;
}

function describeError(error: ReportedError, flavor: TextFlavor): string {
  const requestId = error.requestId ? ` (request id ${clean(error.requestId, flavor)})` : '';
  return `${clean(error.code, flavor)}: ${clean(error.message, flavor)}${requestId}`;
}

function policyItems(policy: AlertPolicySummary, flavor: TextFlavor): FitItem[] {
  const c = policy.counts;
  const slot = policy.slot ? `, slot ${policy.slot}` : '';
  const planned = c.planned > 0 ? `, planned ${c.planned}` : '';
  const heading =
    `${bold(clean(policy.name, flavor), flavor)} (${clean(policy.kind, flavor)}${slot}): ` +
    `created ${c.created}, pruned ${c.pruned}, skipped ${c.skipped}${planned}, failed ${c.failed}`;
  const items: FitItem[] = [{ text: heading, failures: 0 }];
  if (policy.error)
    items.push({ text: `- policy failed: ${describeError(policy.error, flavor)}`, failures: 1 });
  for (const failure of policy.failures) {
    const where = `${clean(failure.provider, flavor)} ${clean(failure.region, flavor)}`;
    items.push({
      text: `- ${failure.action} ${clean(failure.resourceId, flavor)} [${where}]: ${describeError(failure.error, flavor)}`,
      failures: 1,
    });
  }
  // Stale resources with their age and last good backup; backups that failed after acceptance.
  for (const notice of policy.notices) {
    const where = clean(notice.region, flavor);
    items.push({
      text: `- ${notice.kind} ${clean(notice.resourceId, flavor)} [${where}]: ${clean(notice.message, flavor)}`,
      failures: 1,
    });
  }
  return items;
}

export function alertTitle(summary: AlertSummary): string {
  const plural = summary.failureCount === 1 ? 'failure' : 'failures';
  return `scf-backup: ${summary.failureCount} ${plural} in run ${summary.runId}`;
}

/** Renders a summary for one channel; the result's `text` is within `format.maxSize`. */
export function renderAlert(summary: AlertSummary, format: AlertFormat): AlertText {
  const { flavor } = format;
  const title = alertTitle(summary);
  const head = [
    flavor === 'markdown' ? `### ${clean(title, flavor)}` : bold(clean(title, flavor), flavor),
    `trigger ${summary.trigger}, status ${bold(summary.status, flavor)}${summary.dryRun ? ', dry run' : ''}`,
    `started ${summary.startedAt}, finished ${summary.finishedAt}`,
  ];
  const items = summary.policies.flatMap((policy) => policyItems(policy, flavor));
  const more = (n: number) =>
    n > 0 ? `… and ${n} more ${n === 1 ? 'failure' : 'failures'}` : '… (truncated)';
  return {
    title: cutToSize(title, 120, 'chars'),
    text: fitLines(head, items, format.maxSize, format.unit, more),
  };
}

/**
 * The alert for the failing policies among `policyNames` (all when omitted), or undefined when
 * none of them failed: then nothing is sent.
 */
export function formatAlert(
  report: RunReport,
  policyNames?: readonly string[],
  format: AlertFormat = DEFAULT_ALERT_FORMAT,
): AlertText | undefined {
  const summary = summarizeAlert(report, policyNames);
  return summary && renderAlert(summary, format);
}
