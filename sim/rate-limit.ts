/**
 * Per-(credentials, API) rate limits, counted the way the issue asks: a sliding one-second
 * window of arrival times. More than N accepted calls in the last 1000 ms refuses the next; a
 * refused call is not counted, so a client that backs off is let in again as soon as the
 * oldest accepted call leaves the window.
 *
 * Each key keeps a ring of its last N accepted arrival times. The oldest entry of a full ring is
 * the one that must have left the window, so a decision is one comparison: O(1) per call.
 *
 * UNCONFIRMED: the window is per SecretId (Tencent) or AK (Huawei). The docs do not say whether
 * the published figures count per key, per account or per region; per key is what one client
 * with one key can see.
 */
export const WINDOW_MS = 1000;

interface Ring {
  times: Float64Array;
  /** Index of the oldest accepted arrival once the ring is full. */
  head: number;
  count: number;
}

export interface RateLimiter {
  /** True when the call is accepted (and counted); false when it must be refused. */
  admit(credentialId: string, apiKey: string, limitPerSecond: number, nowMs: number): boolean;
  clear(): void;
}

export function createRateLimiter(): RateLimiter {
  const rings = new Map<string, Ring>();
  return {
    admit(credentialId, apiKey, limitPerSecond, nowMs) {
      const key = `${credentialId} ${apiKey}`;
      let ring = rings.get(key);
      if (!ring || ring.times.length !== limitPerSecond) {
        ring = { times: new Float64Array(Math.max(1, limitPerSecond)), head: 0, count: 0 };
        rings.set(key, ring);
      }
      const size = ring.times.length;
      if (ring.count < size) {
        ring.times[(ring.head + ring.count) % size] = nowMs;
        ring.count += 1;
        return true;
      }
      const oldestMs = ring.times[ring.head] ?? 0;
      if (nowMs - oldestMs < WINDOW_MS) return false;
      ring.times[ring.head] = nowMs;
      ring.head = (ring.head + 1) % size;
      return true;
    },
    clear() {
      rings.clear();
    },
  };
}
