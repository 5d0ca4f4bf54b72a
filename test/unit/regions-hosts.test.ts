/**
 * Hosts and pacing lanes (issue 10): Tencent finance regions on their regional host (and every
 * region with TENCENTCLOUD_REGIONAL_HOSTS), Huawei hosts from the SDK's region tables, the real
 * host kept under an endpoint override, one pacing lane per (action, host); and the smaller
 * fidelity fixes: TKE bucket forms, DWS.0015 on delete, the IAM permission in cam-policy.
 */
import { describe, expect, it } from 'vitest';
import { huaweiIamPolicy } from '../../lib/cli/cam-policy';
import { paceLane, rateFor } from '../../lib/cloud/api-rates';
import { loadTencentRegionalHosts } from '../../lib/cloud/credentials';
import { CloudError } from '../../lib/errors/cloud-error';
import { createHuaweiClient } from '../../lib/cloud/huawei';
import { huaweiHost, tencentHost } from '../../lib/cloud/regions';
import { createTencentClient } from '../../lib/cloud/tencent';
import type { HttpRequest, HttpTransport } from '../../lib/http/types';
import { parsePolicyText } from '../../lib/policy';
import { dwsClusterTarget } from '../../lib/targets/dws-cluster';
import { sameBucket } from '../../lib/targets/tke-repository';
import type { CloudClientSet } from '../../lib/targets/types';
import { createThrottle } from '../../lib/throttle/throttle';
import { FakeTime } from './support/fake-time';

describe('Tencent hosts', () => {
  it('uses the regional host for finance regions, and for every region when asked', () => {
    expect(tencentHost('cbs', 'ap-guangzhou')).toBe('cbs.tencentcloudapi.com');
    expect(tencentHost('cbs', 'ap-shanghai-fsi')).toBe('cbs.ap-shanghai-fsi.tencentcloudapi.com');
    expect(tencentHost('cdb', 'ap-shenzhen-fsi')).toBe('cdb.ap-shenzhen-fsi.tencentcloudapi.com');
    expect(tencentHost('cbs', 'ap-guangzhou', true)).toBe('cbs.ap-guangzhou.tencentcloudapi.com');
    expect(tencentHost('tke', undefined, true)).toBe('tke.tencentcloudapi.com');
  });

  it('reads TENCENTCLOUD_REGIONAL_HOSTS as a yes/no setting and refuses anything else', () => {
    expect(loadTencentRegionalHosts({})).toBe(false);
    expect(loadTencentRegionalHosts({ TENCENTCLOUD_REGIONAL_HOSTS: 'true' })).toBe(true);
    expect(loadTencentRegionalHosts({ TENCENTCLOUD_REGIONAL_HOSTS: '0' })).toBe(false);
    expect(() => loadTencentRegionalHosts({ TENCENTCLOUD_REGIONAL_HOSTS: 'yes please' })).toThrow(
      'TENCENTCLOUD_REGIONAL_HOSTS must be true or false',
    );
  });
});

describe('Huawei hosts from the SDK region tables', () => {
  it('has the .eu, .cn and renamed hosts the tables give', () => {
    expect(huaweiHost('dws', 'cn-north-4')).toBe('dws.cn-north-4.myhuaweicloud.com');
    expect(huaweiHost('dws', 'eu-west-101')).toBe('dws.eu-west-101.myhuaweicloud.eu');
    expect(huaweiHost('dws', 'cn-south-4')).toBe('dws.cn-south-4.myhuaweicloud.cn');
    expect(huaweiHost('gaussdb', 'tr-west-1')).toBe('gaussdbformysql.tr-west-1.myhuaweicloud.com');
    expect(huaweiHost('gaussdb', 'af-south-1')).toBe('gaussdb-mysql.af-south-1.myhuaweicloud.com');
    expect(huaweiHost('iam', 'cn-east-3')).toBe('iam.cn-east-3.myhuaweicloud.com');
    // A region allowed by a policy but missing from the table: the common form; IAM the global host.
    expect(huaweiHost('dws', 'xx-new-1')).toBe('dws.xx-new-1.myhuaweicloud.com');
    expect(huaweiHost('iam', 'xx-new-1')).toBe('iam.myhuaweicloud.com');
  });
});

function capture(): { transport: HttpTransport; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const transport: HttpTransport = async (request) => {
    sent.push(request);
    const body = request.headers?.['X-TC-Action'] ? '{"Response":{"RequestId":"r"}}' : '{}';
    return { status: 200, headers: {}, body: Buffer.from(body) };
  };
  return { transport, sent };
}

describe('an endpoint override', () => {
  it('connects to the endpoint but sends and signs the real host', async () => {
    const { transport, sent } = capture();
    const tencent = createTencentClient({
      credentials: { secretId: 'id', secretKey: 'key' },
      endpoint: 'http://127.0.0.1:4566',
      transport,
    });
    await tencent.call('cbs', '2017-03-12', 'DescribeDisks', 'ap-shanghai-fsi', {});
    const huawei = createHuaweiClient({
      credentials: { ak: 'ak', sk: 'sk' },
      endpoint: 'http://127.0.0.1:4566',
      transport,
    });
    await huawei.call({
      service: 'dws',
      action: 'ListClusters',
      region: 'cn-south-4',
      method: 'GET',
      path: '/v1.0/p/clusters',
      projectId: 'p',
    });
    expect(sent.map((r) => [(r.url as URL).host, r.headers?.Host])).toEqual([
      ['127.0.0.1:4566', 'cbs.ap-shanghai-fsi.tencentcloudapi.com'],
      ['127.0.0.1:4566', 'dws.cn-south-4.myhuaweicloud.cn'],
    ]);
    expect(sent[0]?.headers?.Authorization).toContain('SignedHeaders=content-type;host;x-tc-action');
  });
});

describe('pacing per (action, host)', () => {
  it('paces one action on two hosts as two lanes, each at the documented rate', async () => {
    const time = new FakeTime(Date.UTC(2026, 0, 1));
    const throttle = createThrottle({ clock: time.clock, sleep: time.sleep });
    const sentAt: Record<string, number[]> = {};
    const transport: HttpTransport = async (request) => {
      (sentAt[request.headers?.Host ?? ''] ??= []).push(time.clock());
      return { status: 200, headers: {}, body: Buffer.from('{"Response":{"RequestId":"r"}}') };
    };
    const client = createTencentClient({
      credentials: { secretId: 'id', secretKey: 'key' },
      throttle,
      transport,
      clock: time.clock,
      sleep: time.sleep,
    });
    const calls = ['ap-guangzhou', 'ap-shanghai-fsi'].flatMap((region) =>
      Array.from({ length: 12 }, () => client.call('cdb', '2017-03-20', 'CreateBackup', region, {})),
    );
    await time.run(Promise.all(calls));
    const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] as number));
    const nearest = sentAt['cdb.tencentcloudapi.com'] ?? [];
    const finance = sentAt['cdb.ap-shanghai-fsi.tencentcloudapi.com'] ?? [];
    expect([nearest.length, finance.length]).toEqual([12, 12]);
    // cdb.CreateBackup is 5/s: each lane keeps it (205 ms apart), neither waits for the other.
    expect(Math.min(...gaps(nearest))).toBeGreaterThanOrEqual(200);
    expect(Math.min(...gaps(finance))).toBeGreaterThanOrEqual(200);
    expect(finance[0]).toBe(nearest[0]);
    expect(rateFor(paceLane('cdb.CreateBackup', 'cdb.ap-shanghai-fsi.tencentcloudapi.com'))).toBe(5);
  });
});

describe('smaller fidelity fixes', () => {
  it('compares TKE buckets with and without the -<appid> suffix as the same bucket', () => {
    expect(sameBucket('tke-backup-shanghai-1250000000', 'tke-backup-shanghai')).toBe(true);
    expect(sameBucket('tke-backup-2wds9k9p', 'tke-backup-2wds9k9p')).toBe(true);
    expect(sameBucket('tke-backup-1250000000', 'tke-backup-1250000001')).toBe(false);
    expect(sameBucket('tke-backup-a-1250000000', 'tke-backup-b')).toBe(false);
    const file = parsePolicyText(
      `version: 1
policies:
  - name: tke-repos
    kind: tke-repository
    schedule: '0 0 4 * * * *'
    repositories:
      - { name: a, storageRegion: ap-guangzhou, bucket: tke-backup-xxx }
      - { name: b, storageRegion: ap-guangzhou, bucket: tke-backup-2wds9k9p }
      - { name: c, storageRegion: ap-guangzhou, bucket: tke-backup-1250000000 }
`,
      {},
      'tke.yaml',
    );
    expect(file.policies).toHaveLength(1);
  });

  it('takes DWS.0015 on a snapshot delete as already gone, and throws any other error', async () => {
    const [policy] = parsePolicyText(
      `version: 1
policies:
  - { name: dws, kind: dws-cluster, schedule: '0 0 2 * * * *', regions: [cn-north-4], projectId: 0123456789abcdef0123456789abcdef, select: { all: true }, retention: { keepLast: 1 } }
`,
      {},
      'dws.yaml',
    ).policies;
    const failing = (code: string, httpStatus: number): CloudClientSet => ({
      tencent: () => {
        throw new Error('unused');
      },
      huawei: () => ({
        call: async () => {
          throw new CloudError({
            cloud: 'huawei',
            api: 'dws.DeleteSnapshot',
            code,
            message: 'm',
            httpStatus,
            requestId: 'q',
          });
        },
      }),
    });
    const resource = { id: 'c1', region: 'cn-north-4', tags: {} };
    const backup = {
      id: 's1',
      name: 'n',
      resourceId: 'c1',
      state: 'available' as const,
      cloudState: 'AVAILABLE',
      manual: true,
    };
    const target = dwsClusterTarget;
    await expect(
      target.deleteBackup(policy as never, resource, backup, failing('DWS.0015', 403)),
    ).resolves.toEqual({ requestId: 'q' });
    await expect(
      target.deleteBackup(policy as never, resource, backup, failing('DWS.0011', 409)),
    ).rejects.toThrow('DWS.0011');
  });

  it("puts the IAM project listing in cam-policy's Huawei output", () => {
    const policies = parsePolicyText(
      `version: 1
policies:
  - { name: dws, kind: dws-cluster, schedule: '0 0 2 * * * *', regions: [cn-north-4], select: { all: true }, retention: { keepLast: 1 } }
`,
      {},
      'iam.yaml',
    ).policies;
    expect(huaweiIamPolicy(policies)?.Statement[0]?.Action).toContain('iam:projects:listProjects');
  });
});
