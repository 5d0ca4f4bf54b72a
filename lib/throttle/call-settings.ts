/**
 * What both cloud clients take besides credentials: pacing, retrying, the transport and the
 * clock. Everything has a production default; tests replace the clock, sleep, randomness and
 * transport to run deterministically.
 */
import type { CallOptions } from '../cloud/types';
import { pacedCall } from './paced-call';
import { HTTP_DEFAULTS, httpRequest } from '../http/request';
import type { HttpTransport } from '../http/types';
import { type RetryDeps, type RetryEvent, type RetryPolicy } from './retry';
import { defaultThrottle, realSleep, type Clock, type Sleep, type Throttle } from './throttle';

export interface CallSettingsOptions {
  /** Shared by every client of the process; defaults to the process-wide throttle. */
  throttle?: Throttle;
  retry?: Partial<RetryPolicy>;
  transport?: HttpTransport;
  /** Milliseconds since the epoch: signing timestamps and the retry time cap. */
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  connectTimeoutMs?: number;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Told of each retry before its back-off, e.g. to log it. */
  onRetry?: (event: RetryEvent & { api: string }) => void;
}

export interface CallSettings {
  throttle: Throttle;
  /** Over DEFAULT_RETRY_POLICY; withRetry fills the rest. */
  retry: Partial<RetryPolicy>;
  transport: HttpTransport;
  clock: Clock;
  deps: RetryDeps;
  timeouts: { connectTimeoutMs: number; timeoutMs: number; maxResponseBytes: number };
  onRetry?: (event: RetryEvent & { api: string }) => void;
}

export function resolveCallSettings(options: CallSettingsOptions): CallSettings {
  const clock = options.clock ?? Date.now;
  const sleep: Sleep = options.sleep ?? realSleep;
  return {
    throttle: options.throttle ?? defaultThrottle(),
    retry: options.retry ?? {},
    transport: options.transport ?? httpRequest,
    clock,
    deps: { clock, sleep, random: options.random ?? Math.random },
    timeouts: {
      connectTimeoutMs: options.connectTimeoutMs ?? HTTP_DEFAULTS.connectTimeoutMs,
      timeoutMs: options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? HTTP_DEFAULTS.maxResponseBytes,
    },
    onRetry: options.onRetry,
  };
}

/**
 * One API call of either client: paced by its lane's bucket (the API at one host), retried by
 * the shared rules.
 */
export function pacedApiCall<T>(
  settings: CallSettings,
  api: string,
  options: CallOptions & { lane?: string },
  attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> {
  return pacedCall(
    {
      throttle: settings.throttle,
      apiKey: api,
      lane: options.lane,
      policy: settings.retry,
      deps: settings.deps,
      mutating: options.mutating,
      signal: options.signal,
      onRetry: settings.onRetry && ((event) => settings.onRetry?.({ ...event, api })),
    },
    attempt,
  );
}
