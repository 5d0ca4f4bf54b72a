/**
 * The simulator answers regions, hosts and projects as the clouds do (issue 10): unknown
 * regions refused, finance regions only on their regional host, one Huawei project per region
 * found through IAM and checked against the host's region, CDB read-only and DR instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { CBS, CDB, GZ, huaweiCall, tc3Call } from './sim-helpers';

const SEED = 'test/fixtures/seeds/regions-and-projects.yaml';
const NORTH = '0123456789abcdef0123456789abcdef';
const EAST = 'fedcba9876543210fedcba9876543210';
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: SEED, rateLimits: false });
});
afterAll(() => sim.stop());

const errorCode = (r: { json?: unknown }) =>
  (r.json as { Response?: { Error?: { Code?: string } } }).Response?.Error?.Code;

describe('Tencent regions and hosts', () => {
  it('answers an unknown region UnsupportedRegion', async () => {
    const r = await tc3Call(sim, { ...CBS, action: 'DescribeDisks', region: 'ap-mars', params: {} });
    expect(errorCode(r)).toBe('UnsupportedRegion');
  });

  it('serves a finance region on its regional host only', async () => {
    const call = (host: string) =>
      tc3Call(sim, {
        ...CBS,
        action: 'DescribeDisks',
        region: 'ap-shanghai-fsi',
        params: {},
        headers: { Host: host },
      });
    expect(errorCode(await call('cbs.tencentcloudapi.com'))).toBe('UnsupportedRegion');
    expect(errorCode(await call('cbs.ap-shanghai.tencentcloudapi.com'))).toBe('UnsupportedRegion');
    const ok = await call('cbs.ap-shanghai-fsi.tencentcloudapi.com');
    const disks = (ok.json as { Response: { DiskSet: Array<{ DiskId: string }> } }).Response.DiskSet;
    expect(disks.map((d) => d.DiskId)).toEqual(['disk-f001']);
  });

  it('lists CDB instances by InstanceTypes and refuses CreateBackup on read-only and DR ones', async () => {
    const list = async (types?: number[]) => {
      const r = await tc3Call(sim, {
        ...CDB,
        action: 'DescribeDBInstances',
        region: GZ,
        params: types ? { InstanceTypes: types } : {},
      });
      return (r.json as { Response: { Items: Array<{ InstanceId: string; InstanceType: number }> } }).Response
        .Items;
    };
    const all = (await list()).map((i) => [i.InstanceId, i.InstanceType]);
    expect(all.sort()).toEqual([
      ['cdb-0001', 1],
      ['cdb-dr01', 2],
      ['cdb-ro01', 3],
    ]);
    expect((await list([1])).map((i) => i.InstanceId)).toEqual(['cdb-0001']);
    for (const id of ['cdb-ro01', 'cdb-dr01']) {
      const r = await tc3Call(sim, {
        ...CDB,
        action: 'CreateBackup',
        region: GZ,
        params: { InstanceId: id, BackupMethod: 'physical' },
      });
      expect(errorCode(r), id).toBe('OperationDenied.ActionNotSupport');
    }
  });
});

describe('Huawei projects per region', () => {
  const iam = (name: string, host = 'iam.cn-east-3.myhuaweicloud.com') =>
    huaweiCall(sim, { method: 'GET', path: '/v3/projects', query: { name }, host, projectHeader: '' });

  it('answers IAM KeystoneListProjects by region name, on the global host too', async () => {
    const east = (await iam('cn-east-3')).json as { projects: Array<{ id: string; name: string }> };
    expect(east.projects.map((p) => [p.name, p.id])).toEqual([['cn-east-3', EAST]]);
    const north = (await iam('cn-north-4', 'iam.myhuaweicloud.com')).json as {
      projects: Array<{ id: string }>;
    };
    expect(north.projects.map((p) => p.id)).toEqual([NORTH]);
    expect(((await iam('cn-north-99')).json as { projects: unknown[] }).projects).toEqual([]);
  });

  it("lists a region's own clusters only, and refuses a project that is not the region's", async () => {
    const clusters = async (projectId: string, host: string, query?: Record<string, string>) =>
      huaweiCall(sim, {
        method: 'GET',
        path: `/v1.0/${projectId}/clusters`,
        host,
        projectHeader: projectId,
        ...(query ? { query } : {}),
      });
    const east = await clusters(EAST, 'dws.cn-east-3.myhuaweicloud.com');
    expect(east.status).toBe(200);
    expect((east.json as { clusters: Array<{ id: string }> }).clusters.map((c) => c.id)).toEqual([
      '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    ]);
    const all = await clusters(EAST, 'dws.cn-east-3.myhuaweicloud.com', {
      enterprise_project_id: 'all_granted_eps',
    });
    expect((all.json as { clusters: unknown[] }).clusters).toHaveLength(2);
    const wrong = await clusters(NORTH, 'dws.cn-east-3.myhuaweicloud.com');
    expect([wrong.status, (wrong.json as { error_code: string }).error_code]).toEqual([401, 'APIGW.0301']);
  });

  it('answers a host in a region the service is not offered in with 404 APIGW.0101', async () => {
    const r = await huaweiCall(sim, {
      method: 'GET',
      path: `/v1.0/${NORTH}/clusters`,
      host: 'dws.cn-north-99.myhuaweicloud.com',
      projectHeader: NORTH,
    });
    expect([r.status, (r.json as { error_code: string }).error_code]).toEqual([404, 'APIGW.0101']);
  });
});
