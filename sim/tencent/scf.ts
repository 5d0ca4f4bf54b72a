/**
 * SCF 2018-04-16 `Invoke` (the SCF 2018-04-16 Invoke API documentation): how a long run continues itself. The
 * simulator records every invocation and, when a test asks it to, hands the event on (e.g. to run
 * the built bundle). Only what continuation needs is simulated: no function registry, no
 * synchronous results.
 */
import { TencentApiError, type TencentActionSpec } from '../types';
import { invalidValue, readParams } from './params';

/** An asynchronous (`Event`) invocation carries at most 128 KB of event. */
const MAX_ASYNC_EVENT_BYTES = 128 * 1024;

const INVOKE_PARAMS = {
  FunctionName: 'string',
  InvocationType: 'string',
  Qualifier: 'string',
  ClientContext: 'string',
  LogType: 'string',
  Namespace: 'string',
  RoutingKey: 'string',
} as const;

export interface ScfInvocation {
  functionName: string;
  invocationType: 'Event' | 'RequestResponse';
  namespace: string;
  qualifier?: string;
  /** The event as the function would receive it. */
  event: unknown;
  region?: string;
  atMs: number;
  functionRequestId: string;
}

export type InvocationListener = (invocation: ScfInvocation) => void;

export interface ScfState {
  invocations: ScfInvocation[];
  listener?: InvocationListener;
}

export function createScfActions(state: ScfState): TencentActionSpec[] {
  return [
    {
      service: 'scf',
      version: '2018-04-16',
      action: 'Invoke',
      handle({ params, region, nowMs }) {
        const p = readParams(params, INVOKE_PARAMS, ['FunctionName']);
        const invocationType = p.InvocationType ?? 'RequestResponse';
        if (invocationType !== 'Event' && invocationType !== 'RequestResponse') {
          throw invalidValue('InvocationType', 'must be Event or RequestResponse');
        }
        const raw = p.ClientContext ?? '{}';
        if (invocationType === 'Event' && Buffer.byteLength(raw) > MAX_ASYNC_EVENT_BYTES) {
          throw invalidValue(
            'ClientContext',
            `an asynchronous event is at most ${MAX_ASYNC_EVENT_BYTES} bytes`,
          );
        }
        let event: unknown;
        try {
          event = JSON.parse(raw);
        } catch {
          throw new TencentApiError('InvalidParameterValue', 'ClientContext must be a JSON string.');
        }
        // UNCONFIRMED: synchronous invocations would run the function and return its result;
        // the simulator records them but has no function to run, so it answers like an Event.
        const invocation: ScfInvocation = {
          functionName: p.FunctionName ?? '',
          invocationType,
          namespace: p.Namespace ?? 'default',
          ...(p.Qualifier ? { qualifier: p.Qualifier } : {}),
          event,
          region,
          atMs: nowMs,
          functionRequestId: `${nowMs.toString(16)}-${state.invocations.length.toString(16).padStart(6, '0')}`,
        };
        state.invocations.push(invocation);
        // Asynchronous, as SCF's Event mode is: the caller has its answer before the run starts.
        if (state.listener) setImmediate(state.listener, invocation);
        return { Result: { FunctionRequestId: invocation.functionRequestId } };
      },
    },
  ];
}
