/**
 * Per-API counters for `GET /_sim/stats`, keyed `<service>.<Action>` for both clouds
 * (`cbs.CreateDiskBackup`, `dws.CreateSnapshot`). Every received call counts in `calls`; the
 * other counters say how many of those were refused by the rate limit (or an injected
 * throttle), failed authentication, or met an injected fault.
 */
export interface ApiCounters {
  calls: number;
  throttled: number;
  authFailed: number;
  faulted: number;
}

export type CounterName = keyof ApiCounters;

export interface SimStats {
  count(apiKey: string, counter: CounterName): void;
  toJSON(): Record<string, ApiCounters>;
  clear(): void;
}

export function createStats(): SimStats {
  const counters = new Map<string, ApiCounters>();
  return {
    count(apiKey, counter) {
      let entry = counters.get(apiKey);
      if (!entry) {
        entry = { calls: 0, throttled: 0, authFailed: 0, faulted: 0 };
        counters.set(apiKey, entry);
      }
      entry[counter] += 1;
    },
    toJSON() {
      const out: Record<string, ApiCounters> = {};
      for (const key of [...counters.keys()].sort()) out[key] = { ...(counters.get(key) as ApiCounters) };
      return out;
    },
    clear() {
      counters.clear();
    },
  };
}
