import { describe, expect, it } from 'vitest';
import { CloudError, type ErrorClass } from '../../lib/errors/cloud-error';
import { TransportError } from '../../lib/http/errors';
import { pacedCall } from '../../lib/throttle/paced-call';
import {
  DEFAULT_RETRY_POLICY,
  backoffMs,
  classifyError,
  isRetryable,
  withRetry,
  type RetryEvent,
} from '../../lib/throttle/retry';
import { createThrottle } from '../../lib/throttle/throttle';
import { FakeTime } from './support/fake-time';
import { mulberry32 } from './support/prng';

const API = 'cbs.CreateDiskBackup';

function cloudError(code: string, httpStatus = 200): CloudError {
  return new CloudError({ cloud: 'tencent', api: API, code, message: 'test', httpStatus });
}

/** A representative answer of each class, as the cloud would send it. */
const SAMPLES: Record<ErrorClass, CloudError> = {
  throttled: cloudError('RequestLimitExceeded'),
  transient: cloudError('InternalError.DbError'),
  busy: cloudError('InvalidDisk.Busy'),
  auth: cloudError('AuthFailure.SignatureFailure'),
  notFound: cloudError('InvalidDiskId.NotFound'),
  permanent: cloudError('InvalidParameter'),
};

function setup(seed = 1) {
  const time = new FakeTime();
  const throttle = createThrottle({ clock: time.clock, sleep: time.sleep });
  const deps = { clock: time.clock, sleep: time.sleep, random: mulberry32(seed) };
  return { time, throttle, deps };
}

describe('retry rules', () => {
  it('classifies CloudErrors by their class and TransportErrors by their code', () => {
    for (const [errorClass, error] of Object.entries(SAMPLES)) expect(classifyError(error)).toBe(errorClass);
    const timeout = new TransportError({ code: 'RequestTimeout', method: 'POST', target: 'http://x/' });
    expect(classifyError(timeout)).toBe('transient');
    expect(classifyError(new TypeError('a bug'))).toBe('permanent');
  });

  it('retries throttled and transient errors; a mutating call only throttled ones', () => {
    const table = Object.keys(SAMPLES).map((c) => [
      c,
      isRetryable(c as ErrorClass),
      isRetryable(c as ErrorClass, true),
    ]);
    expect(table).toEqual([
      ['throttled', true, true],
      ['transient', true, false],
      ['busy', false, false],
      ['auth', false, false],
      ['notFound', false, false],
      ['permanent', false, false],
    ]);
  });

  it('backs off with full jitter under an exponential, capped ceiling', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseMs: 100, capMs: 1000 };
    expect([0, 1, 2, 3, 4, 8].map((i) => backoffMs(i, policy, () => 0.999999))).toEqual(
      [100, 200, 400, 800, 1000, 1000].map((ms) => ms * 0.999999),
    );
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });
});

describe('withRetry', () => {
  it('reports each retry with the failed attempt, its class and the delay slept', async () => {
    const { time, deps } = setup(5);
    const events: RetryEvent[] = [];
    let calls = 0;
    const work = withRetry(
      async (attemptNumber) => {
        calls++;
        expect(attemptNumber).toBe(calls);
        if (attemptNumber < 3) throw attemptNumber === 1 ? SAMPLES.throttled : SAMPLES.transient;
        return time.clock();
      },
      { deps, policy: { baseMs: 100, capMs: 1000 }, onRetry: (e) => events.push(e) },
    );
    const finishedAtMs = await time.run(work);
    expect(events.map((e) => [e.attempt, e.errorClass])).toEqual([
      [1, 'throttled'],
      [2, 'transient'],
    ]);
    expect(events[0]?.delayMs).toBeLessThan(100);
    expect(events[1]?.delayMs).toBeLessThan(200);
    expect(finishedAtMs).toBeCloseTo((events[0]?.delayMs ?? 0) + (events[1]?.delayMs ?? 0), 9);
  });
});

describe('pacedCall', () => {
  for (const errorClass of ['busy', 'auth', 'notFound', 'permanent'] as const) {
    it(`never retries a ${errorClass} error`, async () => {
      const { time, throttle, deps } = setup();
      let calls = 0;
      const work = pacedCall({ throttle, apiKey: API, deps }, async () => {
        calls++;
        throw SAMPLES[errorClass];
      });
      await expect(time.run(work)).rejects.toBe(SAMPLES[errorClass]);
      expect(calls).toBe(1);
    });
  }

  it('retries a transient error, acquiring the throttle before every attempt', async () => {
    const { time, deps } = setup();
    const base = createThrottle({ clock: time.clock, sleep: time.sleep });
    let acquired = 0;
    const throttle = { ...base, acquire: (key: string) => (acquired++, base.acquire(key)) };
    let calls = 0;
    const work = pacedCall({ throttle, apiKey: API, deps }, async () => {
      if (++calls < 3) throw SAMPLES.transient;
      return 'ok';
    });
    expect(await time.run(work)).toBe('ok');
    expect([calls, acquired]).toEqual([3, 3]);
  });

  it('on a mutating call gives up at once on a timeout but retries a throttled answer', async () => {
    const { time, throttle, deps } = setup();
    const timeout = new CloudError({ cloud: 'tencent', api: API, code: 'RequestTimeout', message: 'slow' });
    let calls = 0;
    const timedOut = pacedCall({ throttle, apiKey: API, deps, mutating: true }, async () => {
      calls++;
      throw timeout;
    });
    await expect(time.run(timedOut)).rejects.toBe(timeout);
    expect(calls).toBe(1);

    calls = 0;
    const throttled = pacedCall({ throttle, apiKey: API, deps, mutating: true }, async () => {
      if (++calls < 4) throw SAMPLES.throttled;
      return 'created';
    });
    expect(await time.run(throttled)).toBe('created');
    expect(calls).toBe(4);
  });

  it('stops at the attempt cap and at the total-time cap, throwing the last error', async () => {
    const { time, throttle, deps } = setup(3);
    let calls = 0;
    const capped = pacedCall({ throttle, apiKey: API, deps, policy: { maxAttempts: 4 } }, async () => {
      calls++;
      throw SAMPLES.transient;
    });
    await expect(time.run(capped)).rejects.toBe(SAMPLES.transient);
    expect(calls).toBe(4);

    calls = 0;
    const startedAtMs = time.clock();
    const policy = { maxAttempts: 1000, baseMs: 100, capMs: 1000, maxElapsedMs: 5000 };
    const timed = pacedCall({ throttle, apiKey: API, deps, policy }, async () => {
      calls++;
      await time.sleep(40); // each answer takes 40 ms
      throw SAMPLES.transient;
    });
    await expect(time.run(timed)).rejects.toBe(SAMPLES.transient);
    expect(time.clock() - startedAtMs).toBeLessThanOrEqual(5000 + 40 + 51.25);
    expect(time.clock() - startedAtMs).toBeGreaterThan(3000);
    expect(calls).toBeGreaterThan(5);
    expect(calls).toBeLessThan(1000);
  });

  it('after a burst of throttled answers slows the lane, backs off, then recovers', async () => {
    const { time, throttle, deps } = setup(11);
    // The cloud refuses every call arriving in [1000, 2500) ms, as if another client ate the quota.
    const isThrottling = (): boolean => time.clock() >= 1000 && time.clock() < 2500;
    const retries: RetryEvent[] = [];
    const rates: number[] = [];
    let throttledAnswers = 0;
    const oneCall = () =>
      pacedCall({ throttle, apiKey: API, deps, onRetry: (e) => retries.push(e) }, async () => {
        rates.push(throttle.ratePerSecond(API));
        if (isThrottling()) {
          throttledAnswers++;
          throw SAMPLES.throttled;
        }
        return time.clock();
      });
    const results = await time.run(Promise.all(Array.from({ length: 200 }, oneCall)));

    expect(results).toHaveLength(200); // every call got through in the end
    expect(throttledAnswers).toBeGreaterThan(0);
    expect(Math.min(...rates)).toBeLessThan(20 * 0.7 + 1e-9); // shrunk at least once…
    expect(throttle.ratePerSecond(API)).toBe(20); // …and back to the documented rate
    expect(retries.every((r) => r.errorClass === 'throttled')).toBe(true);
    expect(retries.every((r) => r.delayMs >= 0 && r.delayMs < 10_000)).toBe(true);
    // Fewer refused calls than the 20/s pace would have sent into the 1.5 s outage (30) plus retries.
    expect(throttledAnswers).toBeLessThan(60);
  });
});
