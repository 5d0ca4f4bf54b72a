/**
 * A seam for checks from outside the simulator: every Tencent request it has authenticated is
 * handed, exactly as received, to the observers registered here (none by default, at no cost).
 * The test suite registers one that re-signs each request with the official SDK's `sign3`
 * (test/setup/sign3-every-request.ts), so "the simulator accepted our client" does not rest on
 * our own signer alone. Module-wide on purpose: it reaches every simulator a test process starts.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface AuthenticatedTencentRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  query: string;
  timestampSec: number;
  /** The key the simulator verified the signature with. */
  secretId: string;
  secretKey: string;
}

export type TencentRequestObserver = (request: AuthenticatedTencentRequest) => void;

const observers = new Set<TencentRequestObserver>();

/** Registers an observer; returns the function that removes it. */
export function observeTencentRequests(observer: TencentRequestObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

export function hasTencentObservers(): boolean {
  return observers.size > 0;
}

export function notifyTencentRequest(request: AuthenticatedTencentRequest): void {
  for (const observer of observers) observer(request);
}
