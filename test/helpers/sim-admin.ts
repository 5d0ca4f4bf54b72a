/** The simulator's unsigned admin endpoints, over HTTP as the contract describes them. */
import type { ApiCounters, FaultConfig } from '../../sim';

export type SimStats = Record<string, ApiCounters>;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** `state` is typed by each caller as far as it reads it. */
export function simAdmin<State>(url: string) {
  return {
    stats: () => getJson<SimStats>(`${url}/_sim/stats`),
    state: () => getJson<State>(`${url}/_sim/state`),
    async faults(config: FaultConfig): Promise<void> {
      const response = await fetch(`${url}/_sim/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(config),
      });
      if (!response.ok) throw new Error(`POST /_sim/faults: ${response.status} ${await response.text()}`);
    },
  };
}
