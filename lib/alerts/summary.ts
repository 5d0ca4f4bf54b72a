/**
 * What an alert says, before any channel's formatting: the run, and for each failing policy its
 * counts and every failure with resource, region, cloud error code and request id. It is also
 * the JSON body the generic webhook posts.
 */
import type { PolicyReport, ReportedError, RunReport, TargetReport } from '../engine/types';
import type { ProtectionNotice } from '../protection/notices';

export interface AlertFailure {
  action: TargetReport['action'];
  provider: TargetReport['provider'];
  region: string;
  resourceId: string;
  error: ReportedError;
}

export interface AlertPolicyCounts {
  created: number;
  pruned: number;
  skipped: number;
  planned: number;
  failed: number;
}

export interface AlertPolicySummary {
  name: string;
  kind: string;
  slot?: string;
  counts: AlertPolicyCounts;
  /** The policy failed as a whole (discovery, credentials…). */
  error?: ReportedError;
  failures: AlertFailure[];
  /** Protection findings: backups that failed after acceptance or are stuck, stale resources, the digest. */
  notices: ProtectionNotice[];
}

export interface AlertSummary {
  runId: string;
  trigger: RunReport['trigger'];
  status: RunReport['status'];
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  /** Failed targets, failed policies and protection notices. */
  failureCount: number;
  policies: AlertPolicySummary[];
}

/** A failed target without an error object still gets a code, so no line reads "undefined". */
const UNKNOWN_ERROR: ReportedError = { code: 'Unknown', message: 'no error details in the report' };

/** Anything to alert about: a failure, or a protection notice (lib/protection/notices.ts). */
export function policyHasFailures(policy: PolicyReport): boolean {
  return (
    policy.error !== undefined ||
    (policy.notices?.length ?? 0) > 0 ||
    policy.targets.some((target) => target.outcome === 'failed')
  );
}

function countTargets(targets: TargetReport[]): AlertPolicyCounts {
  const counts: AlertPolicyCounts = { created: 0, pruned: 0, skipped: 0, planned: 0, failed: 0 };
  for (const target of targets) {
    if (target.outcome === 'failed') counts.failed += 1;
    else if (target.outcome === 'skipped') counts.skipped += 1;
    else if (target.outcome === 'planned') counts.planned += 1;
    else if (target.action === 'prune') counts.pruned += 1;
    else counts.created += 1;
  }
  return counts;
}

function summarizePolicy(policy: PolicyReport): AlertPolicySummary {
  const summary: AlertPolicySummary = {
    name: policy.name,
    kind: policy.kind,
    counts: countTargets(policy.targets),
    failures: policy.targets
      .filter((target) => target.outcome === 'failed')
      .map((target) => ({
        action: target.action,
        provider: target.provider,
        region: target.region,
        resourceId: target.resourceId,
        error: target.error ?? UNKNOWN_ERROR,
      })),
    notices: policy.notices ?? [],
  };
  if (policy.slot) summary.slot = policy.slot;
  if (policy.error) summary.error = policy.error;
  return summary;
}

/**
 * The failing policies among `policyNames` (all of them when omitted), in report order, or
 * undefined when none failed: nothing to alert.
 */
export function summarizeAlert(report: RunReport, policyNames?: readonly string[]): AlertSummary | undefined {
  const wanted = policyNames ? new Set(policyNames) : undefined;
  const policies = report.policies
    .filter((policy) => (!wanted || wanted.has(policy.name)) && policyHasFailures(policy))
    .map(summarizePolicy);
  if (policies.length === 0) return undefined;
  return {
    runId: report.runId,
    trigger: report.trigger,
    status: report.status,
    dryRun: report.dryRun,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    failureCount: policies.reduce(
      (sum, p) => sum + p.failures.length + p.notices.length + (p.error ? 1 : 0),
      0,
    ),
    policies,
  };
}
