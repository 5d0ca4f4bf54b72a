/**
 * Long runs continue: a run that neared its time limit reports `continued`, and the function
 * invokes itself asynchronously (SCF Invoke, InvocationType Event) with the same request marked
 * as a continuation. Plans are idempotent, so the continuation simply plans again.
 */
import type { TencentCaller } from '../cloud/types';
import type { RunReport, RunRequest } from '../engine/types';
import type { ScfContext } from './scf-context';

/** A run that keeps getting cut short is stopped rather than left to invoke itself forever. */
export const MAX_CONTINUATIONS = 50;

export function continuationEvent(request: RunRequest, report: RunReport) {
  const attempt = (request.continuation?.attempt ?? 0) + 1;
  return {
    ...(request.policies ? { policies: request.policies } : {}),
    dryRun: request.dryRun,
    force: request.force,
    // The same instant: the continuation finishes the same slot, not the next one.
    now: request.now.toISOString(),
    continuation: { runId: report.runId, attempt, trigger: request.trigger },
  };
}

export async function invokeContinuation(
  scf: TencentCaller,
  context: ScfContext,
  env: Readonly<Record<string, string | undefined>>,
  request: RunRequest,
  report: RunReport,
): Promise<{ attempt: number; requestId: string }> {
  const event = continuationEvent(request, report);
  if (event.continuation.attempt > MAX_CONTINUATIONS) {
    throw new Error(`run ${report.runId} was continued ${MAX_CONTINUATIONS} times; stopping here`);
  }
  const functionName = context.function_name ?? env.SCF_FUNCTIONNAME;
  const region = context.tencentcloud_region ?? env.TENCENTCLOUD_REGION;
  if (!functionName || !region) {
    throw new Error('cannot continue the run: the context names no function or region');
  }
  const response = await scf.call<{ Result?: { FunctionRequestId?: string } }>(
    'scf',
    '2018-04-16',
    'Invoke',
    region,
    {
      FunctionName: functionName,
      InvocationType: 'Event',
      Namespace: context.namespace ?? env.SCF_NAMESPACE ?? 'default',
      ...(context.function_version && context.function_version !== '$LATEST'
        ? { Qualifier: context.function_version }
        : {}),
      ClientContext: JSON.stringify(event),
    },
    { mutating: true },
  );
  return {
    attempt: event.continuation.attempt,
    requestId: response.Result?.FunctionRequestId ?? response.RequestId,
  };
}
