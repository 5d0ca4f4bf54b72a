/**
 * Report logging: what an invocation returns (the HTTP body, SCF's record of it) is redacted like
 * the log, and its report is the log's last line, its own fields at the top level. When a step
 * after the run fails (no alert channel reachable), onError still logs the report: by then the
 * log is the failures' only record.
 */
import type { MiddlewareObj } from '@middy/core';
import { redactDeep, type Redactor } from '../alerts/redact';
import type { RunReport } from '../engine/types';
import type { ScfContext } from './scf-context';

/** A thrown error with every secret taken out of its message and stack, and its causes'. */
export function redactError(error: unknown, redact: Redactor, depth = 0): void {
  if (!(error instanceof Error) || depth > 10) return;
  error.message = redact(error.message);
  if (error.stack) error.stack = redact(error.stack);
  if (error instanceof AggregateError)
    for (const inner of error.errors) redactError(inner, redact, depth + 1);
  redactError(error.cause, redact, depth + 1);
}

export interface ReportLogOptions {
  redact: Redactor;
  log: (report: RunReport, context: ScfContext) => void;
  /** Each invocation's report until it is logged. */
  unlogged: WeakMap<object, RunReport>;
}

export function reportLogMiddleware(
  options: ReportLogOptions,
): MiddlewareObj<unknown, RunReport, Error, ScfContext> {
  const { redact, log, unlogged } = options;
  return {
    after: (request) => {
      const report = redactDeep(request.response as RunReport, redact);
      request.response = report;
      unlogged.delete(request.context);
      log(report, request.context);
    },
    onError: (request) => {
      redactError(request.error, redact);
      const report = unlogged.get(request.context);
      unlogged.delete(request.context);
      if (report) log(report, request.context);
    },
  };
}
