/**
 * The loop both cloud clients run around one API call: wait for the API's pacing token before
 * every attempt (retries included, so a retry storm cannot exceed the rate), send, tell the
 * throttle how the cloud answered, and retry what the rules allow.
 */
import { CallAbortedError, CloudError } from '../errors/cloud-error';
import { classifyError, withRetry, type RetryDeps, type RetryEvent, type RetryPolicy } from './retry';
import type { Throttle } from './throttle';

export interface PacedCallOptions {
  throttle: Throttle;
  /** `<service>.<Action>`: the lane in the throttle and the name in errors. */
  apiKey: string;
  /** The throttle lane, when finer than the API (`<api>@<host>`, see paceLane); default apiKey. */
  lane?: string;
  policy?: Partial<RetryPolicy>;
  deps: RetryDeps;
  mutating?: boolean;
  /** Aborted: the call is not sent (checked again after the pacing wait, which can be long). */
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
}

export function pacedCall<T>(
  options: PacedCallOptions,
  send: (attemptNumber: number) => Promise<T>,
): Promise<T> {
  const { throttle, apiKey } = options;
  const lane = options.lane ?? apiKey;
  return withRetry(
    async (attemptNumber) => {
      if (options.signal?.aborted) throw new CallAbortedError(apiKey);
      await throttle.acquire(lane);
      if (options.signal?.aborted) throw new CallAbortedError(apiKey);
      try {
        const result = await send(attemptNumber);
        throttle.onAccepted(lane);
        return result;
      } catch (error) {
        // Only an answer from the cloud says anything about the rate; a dropped connection does not.
        if (classifyError(error) === 'throttled') throttle.onThrottled(lane);
        else if (error instanceof CloudError && error.httpStatus !== undefined) throttle.onAccepted(lane);
        throw error;
      }
    },
    { policy: options.policy, deps: options.deps, mutating: options.mutating, onRetry: options.onRetry },
  );
}
