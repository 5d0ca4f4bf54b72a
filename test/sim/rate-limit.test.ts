/** Rate limits: a sliding one-second window per (credentials, API) at the simulator's own figures (sim/rates.ts). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simRateFor as rateFor } from '../../sim/rates';
import { startSimulator, type RunningSimulator } from '../../sim';
import { createRateLimiter } from '../../sim/rate-limit';
import { CDB, GZ, huaweiCall, tc3Call, type RawResponse } from './sim-helpers';

describe('createRateLimiter', () => {
  it('refuses the N+1st call within 1000 ms, and does not count refused calls', () => {
    const limiter = createRateLimiter();
    const admit = (ms: number) => limiter.admit('id', 'cbs.X', 3, ms);
    expect([admit(0), admit(10), admit(20), admit(30), admit(999)]).toEqual([true, true, true, false, false]);
    expect([admit(1000), admit(1005), admit(1010), admit(1020)]).toEqual([true, false, true, true]);
    expect(limiter.admit('other-id', 'cbs.X', 3, 1020)).toBe(true);
    expect(limiter.admit('id', 'cbs.Y', 3, 1020)).toBe(true);
  });
});

describe('rate limits over HTTP', () => {
  // A frozen clock puts every call in the same millisecond: the window is then exact.
  let frozenMs = Date.now();
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ clock: { now: () => frozenMs } });
  });
  beforeEach(() => sim.reset());
  afterAll(() => sim.stop());

  const describeBackups = {
    ...CDB,
    action: 'DescribeBackups',
    region: GZ,
    params: { InstanceId: 'cdb-0001' },
  };
  const codes = async (calls: Array<Promise<RawResponse>>) =>
    (await Promise.all(calls)).map(({ json }) => json.Response.Error?.Code ?? 'OK');

  it('answers exactly one RequestLimitExceeded for N+1 calls in a second, per credentials', async () => {
    const limit = rateFor('cdb.DescribeBackups');
    const burst = await codes(Array.from({ length: limit + 1 }, () => tc3Call(sim, describeBackups)));
    expect(burst.filter((c) => c === 'RequestLimitExceeded')).toHaveLength(1);
    const session = await codes([
      tc3Call(sim, { ...describeBackups, credentials: sim.credentials.tencentSession }),
    ]);
    expect(session).toEqual(['OK']);
    const otherAction = await codes([
      tc3Call(sim, { ...describeBackups, action: 'DescribeDBInstances', params: {} }),
    ]);
    expect(otherAction).toEqual(['OK']);
    frozenMs += 1000;
    expect(await codes([tc3Call(sim, describeBackups)])).toEqual(['OK']);
    expect(sim.stats()['cdb.DescribeBackups']).toEqual({
      calls: limit + 3,
      throttled: 1,
      authFailed: 0,
      faulted: 0,
    });
  });

  it('answers Huawei with 429 APIGW.0308 and the gateway message', async () => {
    const limit = rateFor('dws.ListClusters');
    const path = `/v1.0/${sim.credentials.huawei.projectId}/clusters`;
    const answers = await Promise.all(
      Array.from({ length: limit + 1 }, () => huaweiCall(sim, { method: 'GET', path, dateMs: Date.now() })),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.json).toMatchObject({
      error_code: 'APIGW.0308',
      error_msg: `The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second`,
      request_id: refused[0]?.headers['x-request-id'],
    });
  });
});

describe('rateLimits: false', () => {
  it('lets any burst through', async () => {
    const sim = await startSimulator({ rateLimits: false });
    try {
      const call = { ...CDB, action: 'DescribeBackups', region: GZ, params: { InstanceId: 'cdb-0001' } };
      const answers = await Promise.all(Array.from({ length: 30 }, () => tc3Call(sim, call)));
      expect(answers.every(({ json }) => json.Response.Error === undefined)).toBe(true);
    } finally {
      await sim.stop();
    }
  });
});
