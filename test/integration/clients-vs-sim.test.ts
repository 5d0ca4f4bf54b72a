/**
 * Our clients against the simulator, which verifies signatures and counts each API's calls in a
 * strict sliding second. Real time, so kept small: one lane of 22 concurrent calls at 20/s
 * (about 1.1 s) is enough to show that a burst is paced and none is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHuaweiClient } from '../../lib/cloud/huawei';
import { createTencentClient } from '../../lib/cloud/tencent';
import { createThrottle } from '../../lib/throttle/throttle';
import { startSimulator, type RunningSimulator } from '../../sim/index';

let sim: RunningSimulator;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.stop());

describe('clients against the simulator', () => {
  it('are accepted with long-term keys, a session token, and Huawei AK/SK with X-Project-Id', async () => {
    const throttle = createThrottle();
    const { tencent, tencentSession, huawei } = sim.credentials;
    const tc = createTencentClient({ credentials: tencent, endpoint: sim.url, throttle });
    const sts = createTencentClient({
      credentials: { ...tencentSession, sessionToken: tencentSession.token },
      endpoint: sim.url,
      throttle,
    });
    const hw = createHuaweiClient({ credentials: huawei, endpoint: sim.url, throttle });

    // The example seed fixes what each answer holds.
    const disks = await tc.call<{ TotalCount: number; DiskSet: Array<{ DiskId: string }> }>(
      'cbs',
      '2017-03-12',
      'DescribeDisks',
      'ap-guangzhou',
      {},
    );
    expect(disks.TotalCount).toBe(6);
    expect(disks.DiskSet.map((d) => d.DiskId)).toEqual([
      'disk-0001',
      'disk-0002',
      'disk-0003',
      'disk-0004',
      'disk-0005',
      'disk-0006',
    ]);
    expect(disks.RequestId).toMatch(UUID);
    const locations = await sts.call<{ BackupStorageLocationSet: Array<Record<string, unknown>> }>(
      'tke',
      '2018-05-25',
      'DescribeBackupStorageLocations',
      undefined,
      {},
    );
    expect(locations.RequestId).toMatch(UUID);
    expect(locations.BackupStorageLocationSet).toEqual([
      expect.objectContaining({
        Name: 'legacy-repo',
        StorageRegion: 'ap-shanghai',
        Bucket: 'tke-backup-shanghai-1250000000',
        Path: 'legacy',
      }),
    ]);
    const clusters = await hw.call<{ clusters: Array<{ id: string; name: string }> }>({
      service: 'dws',
      action: 'ListClusters',
      region: 'cn-north-4',
      method: 'GET',
      path: `/v1.0/${huawei.projectId}/clusters`,
      projectId: huawei.projectId,
    });
    expect(clusters.status).toBe(200);
    expect(clusters.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(clusters.body.clusters.map((c) => c.name).sort()).toEqual(['dws-analytics', 'dws-sandbox']);
    expect(clusters.body.clusters.find((c) => c.name === 'dws-sandbox')?.id).toBe(
      'cf492ada-f6ea-4998-9e55-61f5a316b583',
    );
    const stats = sim.stats();
    expect(Object.values(stats).every((api) => api.authFailed === 0)).toBe(true);
  });

  it('pace a burst of 22 concurrent calls of a 20/s action so the simulator refuses none', async () => {
    sim.reset();
    const tc = createTencentClient({
      credentials: sim.credentials.tencent,
      endpoint: sim.url,
      throttle: createThrottle(),
    });
    const calls = Array.from({ length: 22 }, () =>
      tc.call('cbs', '2017-03-12', 'DescribeDiskBackups', 'ap-guangzhou', { Limit: 1 }),
    );
    await expect(Promise.all(calls)).resolves.toHaveLength(22);
    expect(sim.stats()['cbs.DescribeDiskBackups']).toMatchObject({ calls: 22, throttled: 0 });
  });
});
