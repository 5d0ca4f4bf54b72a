/** A throttle that never waits and remembers what it was told, for client tests on real time. */
import type { Throttle } from '../../../lib/throttle/throttle';

export interface StubThrottle extends Throttle {
  acquired: string[];
  throttled: string[];
  accepted: string[];
}

export function stubThrottle(): StubThrottle {
  const stub: StubThrottle = {
    acquired: [],
    throttled: [],
    accepted: [],
    acquire: async (apiKey) => {
      stub.acquired.push(apiKey);
    },
    onThrottled: (apiKey) => stub.throttled.push(apiKey),
    onAccepted: (apiKey) => stub.accepted.push(apiKey),
    ratePerSecond: () => 1,
  };
  return stub;
}

/** Retries that are quick on real time: a few milliseconds of back-off at most. */
export const FAST_RETRY = { baseMs: 1, capMs: 5, maxAttempts: 4, maxElapsedMs: 5_000 } as const;
