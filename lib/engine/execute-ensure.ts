/**
 * Execute an "ensure" plan (TKE backup repositories): create what is missing, report what is
 * present, drifted or unavailable. A create refused because an overlapping run made the
 * repository meanwhile is looked up again before it is called a failure.
 */
import { CloudError } from '../errors/cloud-error';
import { reportedError } from './errors';
import type { ExecuteOptions } from './execute';
import type { EnsurePolicyPlan } from './plan';
import { NOT_STARTED_REASON } from './report';
import type { TargetReport } from './types';

export async function executeEnsurePolicy(
  plan: EnsurePolicyPlan,
  options: ExecuteOptions,
): Promise<TargetReport[]> {
  const reports: TargetReport[] = [];
  for (const check of plan.checks) {
    const base = {
      provider: plan.target.cloud,
      region: check.region,
      resourceId: check.resourceId,
      action: 'ensure' as const,
    };
    if (check.decision === 'present') reports.push({ ...base, outcome: 'skipped', reason: check.reason });
    else if (check.decision !== 'create') {
      reports.push({
        ...base,
        outcome: 'failed',
        reason: check.reason,
        error: {
          code: check.decision === 'drift' ? 'Drift' : 'RepositoryUnavailable',
          message: check.reason ?? check.decision,
        },
      });
    } else if (options.dryRun) reports.push({ ...base, outcome: 'planned', reason: check.reason });
    else if (options.shouldStop()) reports.push({ ...base, outcome: 'skipped', reason: NOT_STARTED_REASON });
    else {
      try {
        const { requestId } = await plan.target.create(plan.policy, check.resourceId, options.clients);
        reports.push({ ...base, outcome: 'done', reason: 'created' });
        options.log.info('repository created', {
          policy: plan.policy.name,
          resourceId: check.resourceId,
          cloudRequestId: requestId,
        });
      } catch (error) {
        // An overlapping run may have created it since this one looked (TKE refuses the duplicate
        // name): look again before calling the refusal a failure.
        const now =
          error instanceof CloudError && error.errorClass !== 'auth' && error.errorClass !== 'throttled'
            ? await plan.target
                .check(plan.policy, options.clients)
                .then((checks) => checks.find((c) => c.resourceId === check.resourceId))
                .catch(() => undefined)
            : undefined;
        if (now?.decision === 'present') {
          reports.push({
            ...base,
            outcome: 'skipped',
            reason: `created by an overlapping run: ${now.reason}`,
          });
        } else reports.push({ ...base, outcome: 'failed', error: reportedError(error) });
      }
    }
  }
  return reports;
}
