/**
 * Keeps each robot under its rate limit: requests to one webhook URL are spaced at least the
 * channel's interval apart, across every delivery in this process (a warm instance runs many
 * invocations). Slots are booked synchronously, so concurrent deliveries cannot both take the
 * same one. Other instances are not seen: one aggregated message per run keeps that moot.
 */
import { sha256Hex } from '../signing/hash';
import { realSleep } from '../throttle/throttle';

export interface ChannelPacer {
  /** Waits until a request to `url` may go, and books that slot. */
  wait(url: string, minIntervalMs: number): Promise<void>;
}

export interface PacerOptions {
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function createChannelPacer(options: PacerOptions = {}): ChannelPacer {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  // Keyed by a hash: the URL is a credential and has no business sitting in the heap as a key.
  const nextAllowedMs = new Map<string, number>();

  return {
    async wait(url, minIntervalMs) {
      if (minIntervalMs <= 0) return;
      const key = sha256Hex(url);
      const now = clock();
      const slot = Math.max(now, nextAllowedMs.get(key) ?? now);
      nextAllowedMs.set(key, slot + minIntervalMs);
      if (slot > now) await sleep(slot - now);
    },
  };
}
