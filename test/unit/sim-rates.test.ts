/**
 * The simulator's rate table (sim/rates.ts) is its own, transcribed from the API pages: it covers
 * every action the simulator serves, cites a page or names its choice, and the client's pacing
 * (lib/cloud/api-rates.ts through the real token bucket) never sends more than it allows.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rateFor } from '../../lib/cloud/api-rates';
import { TokenBucket } from '../../lib/throttle/token-bucket';
import { createHuaweiSimCloud } from '../../sim/huawei';
import { createRateLimiter } from '../../sim/rate-limit';
import { SIM_RATES, simRateFor } from '../../sim/rates';
import { createTencentSimCloud } from '../../sim/tencent';

const clock = { now: () => 0 };
const behaviour = { transitionMs: 1 };
const served = [
  ...createTencentSimCloud({}, behaviour, clock).actions.map((a) => `${a.service}.${a.action}`),
  ...createHuaweiSimCloud({ projectId: '0'.repeat(32) }, behaviour, clock).routes.map(
    (r) => `${r.service}.${r.action}`,
  ),
].sort();
const unconfirmed = ['sim/UNCONFIRMED.md', 'sim/huawei/UNCONFIRMED.md']
  .map((file) => readFileSync(resolve(__dirname, '../..', file), 'utf8'))
  .join('\n');

describe("the simulator's own rate table", () => {
  it('has one row for every action the simulator serves, and none for another', () => {
    expect(served.length).toBeGreaterThan(20);
    expect(Object.keys(SIM_RATES).sort()).toEqual([...new Set(served)]);
  });

  it('cites an API page for each figure, or names the choice in UNCONFIRMED.md', () => {
    for (const [api, row] of Object.entries(SIM_RATES)) {
      if (row.source.startsWith('UNCONFIRMED')) expect(unconfirmed, api).toContain(api);
      else expect(row.source, api).toMatch(/^https:\/\/www\.tencentcloud\.com\/document\/api\/\d+\/\d+/);
    }
  });

  it('holds the published figures the issue names (SCF Invoke 100/s, ListTriggers 20/s)', () => {
    expect([
      simRateFor('scf.Invoke'),
      simRateFor('scf.ListTriggers'),
      simRateFor('cdb.CreateBackup'),
    ]).toEqual([100, 20, 5]);
  });
});

describe('the client against the simulator table', () => {
  it.each(served)('%s: the client paces at or under the simulator limit', (api) => {
    expect(rateFor(api)).toBeLessThanOrEqual(simRateFor(api));
  });

  it.each(served)('%s: three seconds of back-to-back calls, paced, are never refused', (api) => {
    // Virtual time: the real token bucket decides when each call leaves, the simulator's real
    // sliding-window limiter judges it on arrival.
    const bucket = new TokenBucket(rateFor(api));
    const limiter = createRateLimiter();
    let nowMs = 1_000_000;
    let refused = 0;
    for (let call = 0; call < 3 * rateFor(api); call += 1) {
      nowMs += bucket.waitMs(nowMs);
      bucket.take(nowMs);
      if (!limiter.admit('key', api, simRateFor(api), nowMs)) refused += 1;
    }
    expect(refused).toBe(0);
  });
});
