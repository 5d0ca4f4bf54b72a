/**
 * The policy breaker: stops a policy whose creates keep failing. An authentication refusal stops
 * it at once (every later call would be refused the same way); otherwise once the failed creates
 * reach the error budget and are also half of those answered. Attempts are counted as they are
 * answered, so calls still queued for their pacing turn do not dilute the ratio.
 */
import { CloudError } from '../errors/cloud-error';
import { stopPolicy, type PolicyState } from './policy-state';

export const DEFAULT_ERROR_BUDGET = 10;

export function countAnsweredCreate(state: PolicyState): void {
  state.attempted += 1;
}

export function countFailedCreate(state: PolicyState, error: unknown, budget = DEFAULT_ERROR_BUDGET): void {
  state.attempted += 1;
  state.failed += 1;
  if (error instanceof CloudError && error.errorClass === 'auth')
    stopPolicy(state, error, `authentication failed (${error.code})`);
  if (state.failed >= budget && state.failed * 2 >= state.attempted)
    stopPolicy(state, error, `error budget exhausted (${state.failed} of ${state.attempted} failed)`);
}
