/**
 * What every resource chain of one policy shares while it executes: why the policy stopped, the
 * counts the error budget reads, the gate that holds creates until the first is answered, and
 * the abort signal that withdraws calls still waiting for their pacing turn.
 */
import type { CloudClients } from '../targets/types';
import { reportedError } from './errors';
import { NOT_STARTED_REASON } from './report';
import type { ReportedError } from './types';

export interface PolicyState {
  stopped?: { reason: string; error: ReportedError };
  /** Create calls answered (successfully or not): the error budget's denominator. */
  attempted: number;
  /** Create calls that failed: the only failures the error budget counts. */
  failed: number;
  /**
   * Settles when the policy's first create call is answered. The other creates wait for it, so a
   * key or role the cloud refuses (UnauthorizedOperation on create, when listing was allowed)
   * stops the policy after one call instead of one per resource already queued in the throttle.
   */
  firstAnswer?: Promise<void>;
  /** Aborted when the policy stops: calls still waiting for their pacing token are never sent. */
  abort: AbortController;
  /** The run's clients, with this policy's abort signal on every call. */
  clients: CloudClients;
}

export function createPolicyState(clients: CloudClients): PolicyState {
  const abort = new AbortController();
  return { attempted: 0, failed: 0, abort, clients: clients.withDefaults({ signal: abort.signal }) };
}

/** Makes the policy's other creates wait; the returned function lets them go. */
export function openGate(state: PolicyState): () => void {
  let release = () => {};
  state.firstAnswer = new Promise<void>((resolve) => {
    release = resolve;
  });
  return release;
}

export function stopPolicy(state: PolicyState, error: unknown, why: string) {
  if (state.stopped) return;
  state.stopped = { reason: why, error: reportedError(error) };
  state.abort.abort();
}

/** Why a create or prune was not started: the policy stopped, or the run's time ran out. */
export function notStartedReason(state: PolicyState): string {
  return state.stopped ? `not attempted: ${state.stopped.reason}` : NOT_STARTED_REASON;
}
