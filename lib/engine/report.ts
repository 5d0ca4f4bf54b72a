/** Assembles the contract's run report and its totals and status. */
import type { PolicyReport, RunReport, RunRequest, RunStatus, TargetReport } from './types';

/** The reason of work never started because the run neared its time limit: its status is `continued`. */
export const NOT_STARTED_REASON = 'not started: the time limit is near; a continuation run picks it up';

export function totalsOf(policies: PolicyReport[]): RunReport['totals'] {
  const totals = { created: 0, skipped: 0, pruned: 0, failed: 0, stale: 0, never: 0 };
  for (const policy of policies) {
    if (policy.error) totals.failed += 1;
    for (const target of policy.targets) {
      if (target.protection?.verdict === 'stale') totals.stale += 1;
      else if (target.protection?.verdict === 'never') totals.never += 1;
      if (target.outcome === 'failed') totals.failed += 1;
      else if (target.outcome === 'skipped') totals.skipped += 1;
      else if (target.outcome === 'done' && target.action === 'prune') totals.pruned += 1;
      else if (target.outcome === 'done') totals.created += 1;
    }
  }
  return totals;
}

function statusOf(policies: PolicyReport[], totals: RunReport['totals']): RunStatus {
  const targets: TargetReport[] = policies.flatMap((p) => p.targets);
  if (targets.some((t) => t.reason === NOT_STARTED_REASON)) return 'continued';
  if (totals.failed === 0) return 'succeeded';
  // Prunes skipped because their backup failed, and work never reached, are not success.
  const anythingWorked = targets.some(
    (t) =>
      t.outcome === 'done' ||
      t.outcome === 'planned' ||
      t.action === 'skip' ||
      (t.action === 'ensure' && t.outcome === 'skipped'),
  );
  return anythingWorked ? 'partial' : 'failed';
}

export function buildReport(
  runId: string,
  request: RunRequest,
  startedAt: Date,
  finishedAt: Date,
  policies: PolicyReport[],
): RunReport {
  const totals = totalsOf(policies);
  return {
    runId,
    trigger: request.trigger,
    dryRun: request.dryRun,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    status: statusOf(policies, totals),
    policies,
    totals,
  };
}
