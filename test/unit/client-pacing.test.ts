import { describe, expect, it } from 'vitest';
import { createHuaweiClient } from '../../lib/cloud/huawei';
import { createTencentClient } from '../../lib/cloud/tencent';
import type { HttpTransport } from '../../lib/http/types';
import { createThrottle } from '../../lib/throttle/throttle';
import { FakeTime } from './support/fake-time';

describe('clients sharing one throttle', () => {
  it('keep each action at its pace across clients and concurrent callers', async () => {
    const time = new FakeTime(Date.UTC(2026, 0, 1));
    const throttle = createThrottle({ clock: time.clock, sleep: time.sleep });
    const sentAt: Record<string, number[]> = {};
    const transport: HttpTransport = async (request) => {
      const key = request.headers?.['X-TC-Action'] ?? 'dws';
      (sentAt[key] ??= []).push(time.clock());
      await time.sleep(30); // the answer takes a while; callers overlap
      const tencent = '{"Response":{"RequestId":"r"}}';
      return {
        status: 200,
        headers: {},
        body: Buffer.from(request.headers?.['X-TC-Action'] ? tencent : '{}'),
      };
    };
    const common = { throttle, transport, clock: time.clock, sleep: time.sleep };
    const tencentA = createTencentClient({ ...common, credentials: { secretId: 'a', secretKey: 'a' } });
    const tencentB = createTencentClient({ ...common, credentials: { secretId: 'b', secretKey: 'b' } });
    const huawei = createHuaweiClient({ ...common, credentials: { ak: 'c', sk: 'c' } });

    const calls = [
      ...Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? tencentA : tencentB).call('cdb', '2017-03-20', 'CreateBackup', 'ap-guangzhou', {}),
      ),
      ...Array.from({ length: 30 }, () =>
        huawei.call({
          service: 'dws',
          action: 'CreateSnapshot',
          region: 'cn-north-4',
          method: 'POST',
          path: '/v1.0/p/snapshots',
          body: {},
          projectId: 'p',
        }),
      ),
    ];
    await time.run(Promise.all(calls));

    const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] as number));
    // cdb.CreateBackup is 5/s: 205 ms apart, whichever client sent it.
    expect(Math.min(...gaps(sentAt.CreateBackup ?? []))).toBeCloseTo(205, 6);
    // dws.CreateSnapshot is 10/s in the table: 102.5 ms apart, in parallel with the other lane.
    expect(Math.min(...gaps(sentAt.dws ?? []))).toBeCloseTo(102.5, 6);
    expect(sentAt.dws?.[0]).toBe(sentAt.CreateBackup?.[0]);
  });
});
