/**
 * The SCF retry decision: a timer or console invocation whose run failed as a whole, with only
 * errors a retry can fix, is thrown so SCF retries it (slots make that safe). An HTTP caller gets
 * 200 and the report instead. Decided on the engine's own report, whose errors carry their class.
 */
import type { MiddlewareObj } from '@middy/core';
import type { RunReport } from '../engine/types';
import { classifyCode } from '../errors/cloud-error';
import type { NormalizedInvocation } from './trigger-middleware';

/** The run failed as a whole, for a reason a platform retry can fix: throw so SCF retries. */
export class RunFailedError extends Error {
  constructor(report: RunReport) {
    super(
      `run ${report.runId} failed as a whole with transient errors; SCF may retry it (slots make that safe)`,
    );
    this.name = 'RunFailedError';
  }
}

/** Every failure was one a retry can fix, by the class each got when its call failed. */
export function failedTransiently(report: RunReport): boolean {
  if (report.status !== 'failed') return false;
  const errors = report.policies
    .flatMap((p) => [p.error, ...p.targets.map((t) => t.error)])
    .filter((e) => e !== undefined);
  return (
    errors.length > 0 &&
    errors.every((e) => ['transient', 'throttled'].includes(e.errorClass ?? classifyCode(e.code)))
  );
}

/** Throws RunFailedError after the report was logged, where `retryable` says the run's failure was transient. */
export function scfRetryMiddleware(retryable: (context: object) => boolean): MiddlewareObj {
  return {
    after: (request) => {
      const http = (request.event as NormalizedInvocation).http;
      if (!http && retryable(request.context)) throw new RunFailedError(request.response as RunReport);
    },
  };
}
