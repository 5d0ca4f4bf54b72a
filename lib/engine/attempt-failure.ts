/**
 * Why an attempt failed beyond the cloud's own error. It rides on the error (which keeps its
 * identity, code and request id for the report) under one typed key instead of loose fields.
 */
export type AttemptFailure =
  | { kind: 'busy-gave-up'; busyRetries: number }
  | { kind: 'outcome-unknown' }
  /** A quota refusal, after the relief: `pruned` expired backups went first (0: none could). */
  | { kind: 'quota-full'; pruned: number };

const ATTEMPT_FAILURE = Symbol('attemptFailure');

export function withAttemptFailure(error: unknown, failure: AttemptFailure): unknown {
  if (error !== null && typeof error === 'object') Object.assign(error, { [ATTEMPT_FAILURE]: failure });
  return error;
}

export function attemptFailureOf(error: unknown): AttemptFailure | undefined {
  return error !== null && typeof error === 'object'
    ? (error as { [ATTEMPT_FAILURE]?: AttemptFailure })[ATTEMPT_FAILURE]
    : undefined;
}
