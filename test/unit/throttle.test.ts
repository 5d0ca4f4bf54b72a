import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_PER_SECOND } from '../../lib/cloud/api-rates';
import { createThrottle } from '../../lib/throttle/throttle';
import { TokenBucket } from '../../lib/throttle/token-bucket';
import { FakeTime } from './support/fake-time';
import { mulberry32 } from './support/prng';

/** The most events inside any half-open window [t, t + windowMs), as a strict counter sees it. */
function maxInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && (sorted[end] as number) < (sorted[start] as number) + windowMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

function averageRate(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const spanMs = (sorted.at(-1) as number) - (sorted[0] as number);
  return ((sorted.length - 1) * 1000) / spanMs;
}

/** Fires `count` acquires at once and records the fake time at which each is let through. */
async function burst(apiKey: string, count: number, options: { jitterAllowanceMs?: number } = {}) {
  const time = new FakeTime(1_700_000_000_000);
  const throttle = createThrottle({ clock: time.clock, sleep: time.sleep, ...options });
  const sentAt: number[] = [];
  const calls = Array.from({ length: count }, () =>
    throttle.acquire(apiKey).then(() => sentAt.push(time.clock())),
  );
  await time.run(Promise.all(calls));
  return sentAt;
}

describe('TokenBucket', () => {
  it('lets the first call go at once and spaces the next by (1000 + allowance) / rate', () => {
    const bucket = new TokenBucket(20);
    expect(bucket.waitMs(0)).toBe(0);
    bucket.take(0);
    expect(bucket.intervalMs).toBe(51.25);
    expect(bucket.waitMs(10)).toBeCloseTo(41.25);
    expect(bucket.waitMs(60)).toBe(0);
  });

  it('shrinks by 0.7 at most once per second, not below the floor, and recovers on successes', () => {
    const bucket = new TokenBucket(20);
    expect(bucket.shrink(0)).toBe(true);
    expect(bucket.shrink(500)).toBe(false);
    expect(bucket.ratePerSecond).toBeCloseTo(14);
    for (let s = 1; s <= 20; s++) bucket.shrink(s * 1000);
    expect(bucket.ratePerSecond).toBeCloseTo(2);
    for (let i = 0; i < 100; i++) bucket.recover();
    expect(bucket.ratePerSecond).toBe(20);
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
  });
});

describe('createThrottle', () => {
  it('across 1,000 calls of a 20/s action: never more than 20 in any second, average ≥ 95% of 20', async () => {
    const sentAt = await burst('cbs.CreateDiskBackup', 1000);
    expect(sentAt).toHaveLength(1000);
    expect(maxInWindow(sentAt)).toBe(20);
    const rate = averageRate(sentAt);
    expect(rate).toBeGreaterThanOrEqual(19);
    expect(rate).toBeCloseTo(1000 / 51.25, 6); // 19.51/s, 97.6% of 20
  });

  it('keeps the rate when every timer fires late: lateness is caught up, the window still holds', async () => {
    const time = new FakeTime(1_700_000_000_000);
    const late = mulberry32(11);
    // Each sleep wakes 0–4 ms late, as a busy event loop does.
    const lateSleep = (ms: number) => time.sleep(ms + late() * 4);
    const throttle = createThrottle({ clock: time.clock, sleep: lateSleep });
    const sentAt: number[] = [];
    const calls = Array.from({ length: 1000 }, () =>
      throttle.acquire('cbs.CreateDiskBackup').then(() => sentAt.push(time.clock())),
    );
    await time.run(Promise.all(calls));
    expect(maxInWindow(sentAt, 1000)).toBe(20);
    expect(maxInWindow(sentAt, 1025)).toBe(20);
    expect(averageRate(sentAt)).toBeGreaterThanOrEqual(0.97 * 20);
  });

  it('still holds at most 20 per second on arrival when each call is delayed by up to 25 ms', async () => {
    const jitter = mulberry32(7);
    const arrivals = (await burst('cbs.CreateDiskBackup', 1000)).map((t) => t + jitter() * 25);
    expect(maxInWindow(arrivals)).toBe(20);
    // Without the allowance the same jitter puts 21 calls into some second: the allowance is needed.
    const jitterAgain = mulberry32(7);
    const naive = (await burst('cbs.CreateDiskBackup', 1000, { jitterAllowanceMs: 0 })).map(
      (t) => t + jitterAgain() * 25,
    );
    expect(maxInWindow(naive)).toBe(21);
  });

  it('shares one lane between concurrent callers of the same action', async () => {
    const time = new FakeTime();
    const throttle = createThrottle({ clock: time.clock, sleep: time.sleep });
    const sentAt: number[] = [];
    const worker = async (): Promise<void> => {
      for (let i = 0; i < 50; i++) {
        await throttle.acquire('cbs.CreateDiskBackup');
        sentAt.push(time.clock());
        await time.sleep(3); // the call itself
      }
    };
    await time.run(Promise.all([worker(), worker(), worker(), worker()]));
    expect(sentAt).toHaveLength(200);
    expect(maxInWindow(sentAt)).toBe(20);
    const gaps = sentAt.slice(1).map((t, i) => t - (sentAt[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(51.25 - 1e-9);
  });

  it('keeps one lane per action, each at its own documented rate', async () => {
    const time = new FakeTime();
    const throttle = createThrottle({ clock: time.clock, sleep: time.sleep });
    const at: Record<string, number[]> = { 'cbs.CreateDiskBackup': [], 'cdb.CreateBackup': [] };
    const calls = Object.keys(at).flatMap((key) =>
      Array.from({ length: 40 }, () => throttle.acquire(key).then(() => at[key]?.push(time.clock()))),
    );
    await time.run(Promise.all(calls));
    expect(at['cdb.CreateBackup']?.[0]).toBe(0); // not queued behind the other action
    expect(maxInWindow(at['cbs.CreateDiskBackup'] ?? [])).toBe(20);
    expect(maxInWindow(at['cdb.CreateBackup'] ?? [])).toBe(5);
    expect(at['cdb.CreateBackup']?.[1]).toBe(205);
  });

  it('takes rates from configuration and a conservative default for unknown actions', () => {
    const throttle = createThrottle({ rates: { 'cbs.CreateDiskBackup': 2 } });
    expect(throttle.ratePerSecond('cbs.CreateDiskBackup')).toBe(2);
    expect(throttle.ratePerSecond('cdb.DescribeBackups')).toBe(10);
    expect(throttle.ratePerSecond('vpc.SomethingNew')).toBe(DEFAULT_RATE_PER_SECOND);
  });
});
