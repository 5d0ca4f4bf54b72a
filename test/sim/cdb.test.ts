/** CDB 2017-03-20 through real HTTP: methods and editions, running backups, deletion rules, tags, paging. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import type { SimSeed } from '../../sim/types';
import { CDB, GZ, steppedClock, tc3Call } from './sim-helpers';

const TRANSITION_MS = 1000;
const clock = steppedClock();
let sim: RunningSimulator;

const seed: SimSeed = {
  tencent: {
    mysql: [
      { id: 'cdb-ha', region: GZ, name: 'orders', tags: { backup: 'nightly', env: 'prod' } },
      {
        id: 'cdb-basic',
        region: GZ,
        name: 'tiny',
        edition: 'basic',
        tags: { backup: 'nightly', env: 'dev' },
      },
      { id: 'cdb-plain', region: GZ, name: 'plain' },
      { id: 'cdb-sh', region: 'ap-shanghai', tags: { backup: 'nightly' } },
    ],
    mysqlBackups: [
      { id: 100, instanceId: 'cdb-ha', name: '', date: '2026-11-20 03:00:00', way: 'automatic' },
      ...Array.from({ length: 104 }, (_, i) => ({
        instanceId: 'cdb-plain',
        name: `m-${i}`,
        date: '2026-10-01 00:00:00',
      })),
    ],
  },
};

beforeAll(async () => {
  sim = await startSimulator({ seed, transitionMs: TRANSITION_MS, clock, rateLimits: false });
});
beforeEach(() => sim.reset());
afterAll(() => sim.stop());

async function cdb(action: string, params: Record<string, unknown> = {}, region: string | null = GZ) {
  const { json } = await tc3Call(sim, { ...CDB, action, params, region: region ?? undefined });
  return json.Response;
}
const codeOf = async (action: string, params: Record<string, unknown>, region: string | null = GZ) =>
  (await cdb(action, params, region)).Error?.Code ?? 'OK';

describe('CreateBackup', () => {
  it('checks method, table list, name length and instance', async () => {
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-ha' })).toBe('MissingParameter');
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-ha', BackupMethod: 'full' })).toBe(
      'InvalidParameterValue',
    );
    const tables = { BackupDBTableList: [{ Db: 'orders' }] };
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-ha', BackupMethod: 'physical', ...tables })).toBe(
      'InvalidParameter',
    );
    expect(
      await codeOf('CreateBackup', {
        InstanceId: 'cdb-ha',
        BackupMethod: 'logical',
        BackupDBTableList: [{ Table: 't' }],
      }),
    ).toBe('InvalidParameter');
    expect(
      await codeOf('CreateBackup', {
        InstanceId: 'cdb-ha',
        BackupMethod: 'logical',
        ManualBackupName: 'n'.repeat(61),
      }),
    ).toBe('InvalidParameterValue');
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-nope', BackupMethod: 'logical' })).toBe(
      'InvalidParameter.InstanceNotFound',
    );
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-sh', BackupMethod: 'logical' })).toBe(
      'InvalidParameter.InstanceNotFound',
    );
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-sh', BackupMethod: 'logical' }, null)).toBe('OK');
  });

  it('allows only snapshot backups on the basic edition', async () => {
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-basic', BackupMethod: 'logical' })).toBe(
      'OperationDenied.ActionNotSupport',
    );
    const created = await cdb('CreateBackup', {
      InstanceId: 'cdb-basic',
      BackupMethod: 'snapshot',
      ManualBackupName: 's',
    });
    expect(Number.isInteger(created.BackupId)).toBe(true);
  });

  it('refuses a second backup while one is RUNNING, which turns SUCCESS after transitionMs', async () => {
    const { BackupId } = await cdb('CreateBackup', {
      InstanceId: 'cdb-ha',
      BackupMethod: 'physical',
      ManualBackupName: 'one',
    });
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-ha', BackupMethod: 'physical' })).toBe(
      'OperationDenied.ActionInProcess',
    );
    const newest = async () => (await cdb('DescribeBackups', { InstanceId: 'cdb-ha', Limit: 1 })).Items[0];
    expect(await newest()).toMatchObject({
      BackupId,
      Status: 'RUNNING',
      FinishTime: '',
      Method: 'full',
      Type: 'physical',
    });
    clock.advance(TRANSITION_MS);
    expect(await newest()).toMatchObject({ BackupId, Status: 'SUCCESS', Progress: 100 });
    expect(await codeOf('CreateBackup', { InstanceId: 'cdb-ha', BackupMethod: 'physical' })).toBe('OK');
  });
});

describe('DescribeBackups', () => {
  it('requires the instance and pages newest first up to 100', async () => {
    expect(await codeOf('DescribeBackups', {})).toBe('MissingParameter');
    expect(await codeOf('DescribeBackups', { InstanceId: 'cdb-nope' })).toBe(
      'InvalidParameter.InstanceNotFound',
    );
    const first = await cdb('DescribeBackups', { InstanceId: 'cdb-plain' });
    expect([first.TotalCount, first.Items.length]).toEqual([104, 20]);
    const last = await cdb('DescribeBackups', { InstanceId: 'cdb-plain', Offset: 100, Limit: 100 });
    expect(last.Items.map((b: { ManualBackupName: string }) => b.ManualBackupName)).toEqual([
      'm-3',
      'm-2',
      'm-1',
      'm-0',
    ]);
    expect(await codeOf('DescribeBackups', { InstanceId: 'cdb-plain', Limit: 101 })).toBe(
      'InvalidParameterValue',
    );
  });
});

describe('DeleteBackup', () => {
  it('deletes manual backups only, by integer or numeric-string id', async () => {
    expect(await codeOf('DeleteBackup', { InstanceId: 'cdb-ha', BackupId: 100 })).toBe(
      'CdbError.BackupError',
    );
    expect(await codeOf('DeleteBackup', { InstanceId: 'cdb-ha', BackupId: 'abc' })).toBe('InvalidParameter');
    expect(await codeOf('DeleteBackup', { InstanceId: 'cdb-ha', BackupId: 999 })).toBe('InvalidParameter');
    const { BackupId } = await cdb('CreateBackup', { InstanceId: 'cdb-ha', BackupMethod: 'logical' });
    expect(await codeOf('DeleteBackup', { InstanceId: 'cdb-ha', BackupId })).toBe(
      'OperationDenied.ActionInProcess',
    );
    clock.advance(TRANSITION_MS);
    expect(await codeOf('DeleteBackup', { InstanceId: 'cdb-ha', BackupId: String(BackupId) })).toBe('OK');
    expect(await codeOf('DeleteBackup', { InstanceId: 'cdb-ha', BackupId })).toBe('InvalidParameter');
  });
});

describe('DescribeDBInstances', () => {
  const ids = async (params: Record<string, unknown>) =>
    (await cdb('DescribeDBInstances', params)).Items.map((i: { InstanceId: string }) => i.InstanceId);

  it('selects by ids, tag keys, tag values and tags, in the request region', async () => {
    expect(await ids({ OrderDirection: 'ASC' })).toEqual(['cdb-ha', 'cdb-basic', 'cdb-plain']);
    expect(await ids({})).toEqual(['cdb-plain', 'cdb-basic', 'cdb-ha']);
    expect(await ids({ InstanceIds: ['cdb-basic', 'cdb-sh'] })).toEqual(['cdb-basic']);
    expect(await ids({ TagKeysForSearch: ['env'], OrderDirection: 'ASC' })).toEqual(['cdb-ha', 'cdb-basic']);
    expect(await ids({ TagValues: ['dev'] })).toEqual(['cdb-basic']);
    expect(
      await ids({
        Tags: [
          { Key: 'backup', Value: 'nightly' },
          { Key: 'env', Value: 'prod' },
        ],
      }),
    ).toEqual(['cdb-ha']);
    const basic = (await cdb('DescribeDBInstances', { InstanceIds: ['cdb-basic'] })).Items[0];
    expect(basic).toMatchObject({
      DeviceType: 'BASIC',
      TagList: [
        { TagKey: 'backup', TagValue: 'nightly' },
        { TagKey: 'env', TagValue: 'dev' },
      ],
    });
  });

  it('pages up to 2000', async () => {
    const page = await cdb('DescribeDBInstances', { Offset: 2, Limit: 2000 });
    expect([page.TotalCount, page.Items.length]).toEqual([3, 1]);
    expect(await codeOf('DescribeDBInstances', { Limit: 2001 })).toBe('InvalidParameterValue');
    expect(await codeOf('DescribeDBInstances', { Nonsense: true })).toBe('UnknownParameter');
  });
});
