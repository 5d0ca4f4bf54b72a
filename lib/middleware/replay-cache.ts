/**
 * Signatures already used, so a captured request cannot be sent again within its window.
 *
 * In memory only, by design: a cold start (or a second instance) forgets it. The exposure is
 * bounded anyway: a signature is accepted only within WEBHOOK_TOLERANCE_SEC of its timestamp,
 * and a replay that slips through asks for a slot that is already backed up, which the
 * idempotent schedule slots turn into skips. Only verified signatures are remembered, so
 * filling the cache needs the secret; when it is full the oldest entry goes first.
 */
export interface ReplayCache {
  /**
   * Records `key` as used until `expiresAtSec`. Returns false when it was already recorded and
   * has not expired: that request is a replay.
   */
  claim(key: string, expiresAtSec: number, nowSec: number): boolean;
  readonly size: number;
}

export interface ReplayCacheOptions {
  maxEntries?: number;
}

const defaults = { maxEntries: 10_000 } as const;

export function createReplayCache(options: ReplayCacheOptions = {}): ReplayCache {
  const maxEntries = Math.max(1, options.maxEntries ?? defaults.maxEntries);
  // Insertion order is claim order, which makes "oldest first" a walk from the front.
  const entries = new Map<string, number>();

  function sweep(nowSec: number): void {
    for (const [key, expiresAtSec] of entries) {
      if (expiresAtSec < nowSec) entries.delete(key);
    }
  }

  function claim(key: string, expiresAtSec: number, nowSec: number): boolean {
    const known = entries.get(key);
    if (known !== undefined && known >= nowSec) return false;
    if (known !== undefined) entries.delete(key);
    if (entries.size >= maxEntries) sweep(nowSec);
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
    entries.set(key, expiresAtSec);
    return true;
  }

  return {
    claim,
    get size() {
      return entries.size;
    },
  };
}
