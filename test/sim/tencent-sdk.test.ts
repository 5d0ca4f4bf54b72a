/**
 * The official tencentcloud-sdk-nodejs clients against the simulator, unchanged: the endpoint
 * `<service>.tencentcloudapi.com:PORT` keeps the SDK's service derivation and host signing as
 * they are in production, a lookup agent sends the traffic to loopback.
 */
import { cbs } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cbs';
import { cdb } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cdb';
import { tke } from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { GZ, movableClock, sdkProfile } from './sim-helpers';

const TRANSITION_MS = 1000;
const clock = movableClock();
let sim: RunningSimulator;

type Credential = { secretId: string; secretKey: string; token?: string };
const clients = (credential: Credential) => ({
  cbs: new cbs.v20170312.Client({ credential, region: GZ, profile: sdkProfile(sim, 'cbs') }),
  cdb: new cdb.v20170320.Client({ credential, region: GZ, profile: sdkProfile(sim, 'cdb') }),
  tke: new tke.v20180525.Client({ credential, region: '', profile: sdkProfile(sim, 'tke') }),
});

beforeAll(async () => {
  sim = await startSimulator({ transitionMs: TRANSITION_MS, clock, rateLimits: false });
});
afterAll(() => sim.stop());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHINA_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('official Tencent SDK clients against the simulator', () => {
  it('CBS: DescribeDisks by tag, CreateDiskBackup, DescribeDiskBackups, DeleteDiskBackups', async () => {
    const { cbs: client } = clients(sim.credentials.tencent);
    const disks = await client.DescribeDisks({ Filters: [{ Name: 'tag:backup', Values: ['nightly'] }] });
    expect(disks.RequestId).toMatch(UUID);
    expect(disks.TotalCount).toBe(3);
    expect(disks.DiskSet?.map((d) => d.DiskId)).toEqual(['disk-0001', 'disk-0002', 'disk-0003']);
    const first = disks.DiskSet?.[0];
    expect(first?.Tags).toEqual([
      { Key: 'backup', Value: 'nightly' },
      { Key: 'env', Value: 'prod' },
    ]);
    expect(first).toMatchObject({
      DiskBackupQuota: 64,
      DiskBackupCount: 1,
      Placement: { Zone: 'ap-guangzhou-3' },
    });
    expect(first?.CreateTime).toMatch(CHINA_TIME);

    const created = await client.CreateDiskBackup({ DiskId: 'disk-0002', DiskBackupName: 'scfb-sdk-test' });
    expect(created.DiskBackupId).toMatch(/^dbp-[a-z0-9]{8}$/);
    const listed = await client.DescribeDiskBackups({ DiskBackupIds: [created.DiskBackupId ?? ''] });
    expect(listed.TotalCount).toBe(1);
    expect(listed.DiskBackupSet?.[0]).toMatchObject({
      DiskBackupId: created.DiskBackupId,
      DiskId: 'disk-0002',
      DiskBackupName: 'scfb-sdk-test',
      DiskBackupState: 'CREATING',
      DiskUsage: 'DATA_DISK',
      DiskSize: 50,
      Encrypt: false,
    });
    expect(listed.DiskBackupSet?.[0]?.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    clock.advance(TRANSITION_MS);
    const later = await client.DescribeDiskBackups({
      Filters: [{ Name: 'disk-backup-id', Values: [created.DiskBackupId ?? ''] }],
    });
    expect(later.DiskBackupSet?.[0]).toMatchObject({ DiskBackupState: 'NORMAL', Percent: 100 });
    const deleted = await client.DeleteDiskBackups({ DiskBackupIds: [created.DiskBackupId ?? ''] });
    expect(Object.keys(deleted)).toEqual(['RequestId']);
  });

  it('CDB: DescribeDBInstances by tag, CreateBackup, DescribeBackups, DeleteBackup', async () => {
    const { cdb: client } = clients(sim.credentials.tencent);
    const instances = await client.DescribeDBInstances({ Tags: [{ Key: 'env', Value: 'prod' }] });
    expect(instances.TotalCount).toBe(1);
    expect(instances.Items?.[0]).toMatchObject({
      InstanceId: 'cdb-0001',
      InstanceName: 'orders-db',
      Region: GZ,
      Status: 1,
      TagList: [
        { TagKey: 'backup', TagValue: 'nightly' },
        { TagKey: 'env', TagValue: 'prod' },
      ],
    });
    const created = await client.CreateBackup({
      InstanceId: 'cdb-0001',
      BackupMethod: 'logical',
      BackupDBTableList: [{ Db: 'orders', Table: 'items' }],
      ManualBackupName: 'scfb-sdk-test',
    });
    expect(Number.isInteger(created.BackupId)).toBe(true);
    const running = await client.DescribeBackups({ InstanceId: 'cdb-0001' });
    expect(running.TotalCount).toBe(2);
    expect(running.Items?.[0]).toMatchObject({
      BackupId: created.BackupId,
      ManualBackupName: 'scfb-sdk-test',
      Status: 'RUNNING',
      Way: 'manual',
      Type: 'logical',
      Method: 'partial',
      InstanceId: 'cdb-0001',
    });
    expect(running.Items?.[0]?.Date).toMatch(CHINA_TIME);
    expect(running.Items?.[1]).toMatchObject({ Way: 'automatic', Status: 'SUCCESS', Creator: 'SYSTEM' });
    clock.advance(TRANSITION_MS);
    const done = await client.DescribeBackups({ InstanceId: 'cdb-0001', Limit: 1 });
    expect(done.Items?.[0]).toMatchObject({ Status: 'SUCCESS', Progress: 100 });
    expect(done.Items?.[0]?.FinishTime).toMatch(CHINA_TIME);
    const deleted = await client.DeleteBackup({ InstanceId: 'cdb-0001', BackupId: created.BackupId ?? 0 });
    expect(Object.keys(deleted)).toEqual(['RequestId']);
  });

  it('TKE: CreateBackupStorageLocation, DescribeBackupStorageLocations, DeleteBackupStorageLocation', async () => {
    const { tke: client } = clients(sim.credentials.tencent);
    const created = await client.CreateBackupStorageLocation({
      StorageRegion: GZ,
      Bucket: 'tke-backup-1250000000',
      Name: 'scfb-repo',
      Provider: 'tencentcloud',
      Path: 'clusters',
    });
    expect(Object.keys(created)).toEqual(['RequestId']);
    const described = await client.DescribeBackupStorageLocations({ Names: ['scfb-repo'] });
    expect(described.BackupStorageLocationSet).toEqual([
      {
        Name: 'scfb-repo',
        StorageRegion: GZ,
        Provider: 'tencentcloud',
        Bucket: 'tke-backup-1250000000',
        Path: 'clusters',
        State: 'Available',
        Message: 'success',
        LastValidationTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      },
    ]);
    expect(Object.keys(await client.DeleteBackupStorageLocation({ Name: 'scfb-repo' }))).toEqual([
      'RequestId',
    ]);
  });

  it('works with temporary credentials and their session token', async () => {
    const { cbs: client } = clients(sim.credentials.tencentSession);
    expect((await client.DescribeDisks({ DiskIds: ['disk-0005'] })).TotalCount).toBe(1);
  });

  it('fails the same calls with the documented codes for a wrong key', async () => {
    const unknown = clients({ secretId: 'AKIDnotasimulatorkey00000000000000', secretKey: 'x'.repeat(32) });
    const wrongSecret = clients({ ...sim.credentials.tencent, secretKey: 'y'.repeat(32) });
    const noToken = clients({ ...sim.credentials.tencentSession, token: undefined });
    const calls = [
      (c: ReturnType<typeof clients>) => c.cbs.CreateDiskBackup({ DiskId: 'disk-0001' }),
      (c: ReturnType<typeof clients>) => c.cdb.DescribeBackups({ InstanceId: 'cdb-0001' }),
      (c: ReturnType<typeof clients>) => c.tke.DescribeBackupStorageLocations({}),
    ];
    for (const call of calls) {
      await expect(call(unknown)).rejects.toMatchObject({ code: 'AuthFailure.SecretIdNotFound' });
      await expect(call(wrongSecret)).rejects.toMatchObject({ code: 'AuthFailure.SignatureFailure' });
      await expect(call(noToken)).rejects.toMatchObject({ code: 'AuthFailure.TokenFailure' });
    }
  });
});
