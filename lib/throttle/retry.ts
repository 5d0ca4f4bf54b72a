/**
 * Retrying, split as smithy does it: classify the error, decide, back off with full jitter. The
 * one retry strategy of the project: cloud calls and alert deliveries both go through withRetry.
 * Clock, sleep and randomness are injected so tests are deterministic.
 */
import { CloudError, MissingCredentialsError, classifyCode, type ErrorClass } from '../errors/cloud-error';
import { TransportError } from '../http/errors';
import type { Clock, Sleep } from './throttle';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** No retry is started once this much time has gone since the first attempt began. */
  maxElapsedMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 6,
  baseMs: 200,
  capMs: 10_000,
  maxElapsedMs: 60_000,
};

export interface RetryDeps {
  clock: Clock;
  sleep: Sleep;
  /** In [0, 1), like Math.random. */
  random: () => number;
}

export function classifyError(error: unknown): ErrorClass {
  if (error instanceof CloudError) return error.errorClass;
  if (error instanceof TransportError) return classifyCode(error.code);
  if (error instanceof MissingCredentialsError) return 'auth';
  return 'permanent';
}

/**
 * Throttled and transient errors are worth another try, busy/auth/notFound/permanent never (busy
 * is the engine's to retry later in the run). A mutating call retries only a throttled answer,
 * the one failure that proves the cloud did nothing (see CallOptions in lib/cloud/types.ts).
 */
export function isRetryable(errorClass: ErrorClass, mutating = false): boolean {
  if (errorClass === 'throttled') return true;
  return errorClass === 'transient' && !mutating;
}

/** Full jitter: uniformly random in [0, min(cap, base · 2^retryIndex)). */
export function backoffMs(retryIndex: number, policy: RetryPolicy, random: () => number): number {
  return random() * Math.min(policy.capMs, policy.baseMs * 2 ** retryIndex);
}

export interface RetryEvent {
  /** The attempt that failed, from 1. */
  attempt: number;
  errorClass: ErrorClass;
  delayMs: number;
  error: unknown;
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  deps: RetryDeps;
  mutating?: boolean;
  /** Whether a failure is worth another try; default: its class (isRetryable). */
  retryable?: (error: unknown) => boolean;
  /** The least wait before the next attempt (a Retry-After the answer asked for). */
  minDelayMs?: (error: unknown) => number;
  onRetry?: (event: RetryEvent) => void;
  /** Told of every failed attempt, whether another follows or not. */
  onFailure?: (event: { attempt: number; error: unknown; willRetry: boolean }) => void;
}

/** Runs `attempt` until it succeeds or a rule says stop; then the last error is thrown as it is. */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options.policy) };
  const { clock, sleep, random } = options.deps;
  const startedAtMs = clock();
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const errorClass = classifyError(error);
      const retryable = options.retryable
        ? options.retryable(error)
        : isRetryable(errorClass, options.mutating);
      const delayMs = Math.max(
        backoffMs(attemptNumber - 1, policy, random),
        options.minDelayMs?.(error) ?? 0,
      );
      const willRetry =
        retryable &&
        attemptNumber < policy.maxAttempts &&
        clock() - startedAtMs + delayMs <= policy.maxElapsedMs;
      options.onFailure?.({ attempt: attemptNumber, error, willRetry });
      if (!willRetry) throw error;
      options.onRetry?.({ attempt: attemptNumber, errorClass, delayMs, error });
      await sleep(delayMs);
    }
  }
}

function definedOnly(policy: Partial<RetryPolicy> | undefined): Partial<RetryPolicy> {
  return Object.fromEntries(Object.entries(policy ?? {}).filter(([, value]) => value !== undefined));
}
