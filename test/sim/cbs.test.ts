/** CBS 2017-03-12 through real HTTP: parameter checks, busy and quota codes, paging, filters, states. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import type { SimSeed } from '../../sim/types';
import { CBS, GZ, steppedClock, tc3Call } from './sim-helpers';

const TRANSITION_MS = 1000;
const clock = steppedClock();
let sim: RunningSimulator;

const seed: SimSeed = {
  tencent: {
    disks: [
      { id: 'disk-a', region: GZ, tags: { backup: 'nightly', env: 'prod' } },
      { id: 'disk-b', region: GZ, tags: { backup: 'nightly', env: 'dev' }, backupQuota: 2 },
      { id: 'disk-c', region: GZ, usage: 'SYSTEM_DISK' },
      { id: 'disk-sh', region: 'ap-shanghai', tags: { backup: 'nightly' } },
    ],
    diskBackups: Array.from({ length: 25 }, (_, i) => ({
      id: `dbp-old${String(i).padStart(5, '0')}`,
      diskId: i < 24 ? 'disk-a' : 'disk-c',
      name: `old-${i}`,
      createTime: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
    })),
  },
};

beforeAll(async () => {
  sim = await startSimulator({ seed, transitionMs: TRANSITION_MS, clock, rateLimits: false });
});
beforeEach(() => sim.reset());
afterAll(() => sim.stop());

/** `region: null` sends no X-TC-Region. */
async function cbs(action: string, params: Record<string, unknown> = {}, region: string | null = GZ) {
  const { json } = await tc3Call(sim, { ...CBS, action, params, region: region ?? undefined });
  return json.Response;
}
const codeOf = async (action: string, params: Record<string, unknown>, region?: string | null) =>
  (await cbs(action, params, region)).Error?.Code ?? 'OK';

describe('CreateDiskBackup', () => {
  it('checks parameters: missing, unknown, wrong type, name length', async () => {
    expect(await codeOf('CreateDiskBackup', {})).toBe('MissingParameter');
    const unknown = await cbs('CreateDiskBackup', { DiskId: 'disk-a', Foo: 1 });
    expect(unknown.Error).toMatchObject({
      Code: 'UnknownParameter',
      Message: expect.stringContaining('DiskId, DiskBackupName'),
    });
    expect(await codeOf('CreateDiskBackup', { DiskId: 7 })).toBe('InvalidParameter');
    expect(await codeOf('CreateDiskBackup', { DiskId: 'disk-a', DiskBackupName: 'n'.repeat(101) })).toBe(
      'InvalidParameterValue',
    );
    expect(await codeOf('CreateDiskBackup', { DiskId: 'disk-a', DiskBackupName: '名'.repeat(100) })).toBe(
      'OK',
    );
  });

  it('finds the disk by id (region optional), not in another region', async () => {
    expect(await codeOf('CreateDiskBackup', { DiskId: 'disk-nope' })).toBe('InvalidDiskId.NotFound');
    expect(await codeOf('CreateDiskBackup', { DiskId: 'disk-sh' })).toBe('InvalidDiskId.NotFound');
    expect(await codeOf('CreateDiskBackup', { DiskId: 'disk-sh' }, null)).toBe('OK');
  });

  it('is busy while a backup of the disk is CREATING, then over quota at DiskBackupQuota', async () => {
    const first = await cbs('CreateDiskBackup', { DiskId: 'disk-b', DiskBackupName: 'one' });
    expect(first.DiskBackupId).toMatch(/^dbp-[a-z0-9]{8}$/);
    expect(await codeOf('CreateDiskBackup', { DiskId: 'disk-b' })).toBe('InvalidDisk.Busy');
    clock.advance(TRANSITION_MS);
    expect(await codeOf('CreateDiskBackup', { DiskId: 'disk-b' })).toBe('OK');
    clock.advance(TRANSITION_MS);
    expect(await codeOf('CreateDiskBackup', { DiskId: 'disk-b' })).toBe('ResourceInsufficient.OverQuota');
    const disk = await cbs('DescribeDisks', { DiskIds: ['disk-b'] });
    expect(disk.DiskSet[0]).toMatchObject({ DiskBackupQuota: 2, DiskBackupCount: 2 });
  });
});

describe('DescribeDiskBackups', () => {
  it('moves CREATING to NORMAL with Percent as the clock advances', async () => {
    const { DiskBackupId } = await cbs('CreateDiskBackup', { DiskId: 'disk-b' });
    const state = async () =>
      (await cbs('DescribeDiskBackups', { DiskBackupIds: [DiskBackupId] })).DiskBackupSet[0];
    expect(await state()).toMatchObject({ DiskBackupState: 'CREATING', Percent: 0 });
    clock.advance(TRANSITION_MS / 2);
    expect(await state()).toMatchObject({ DiskBackupState: 'CREATING', Percent: 50 });
    clock.advance(TRANSITION_MS / 2);
    expect(await state()).toMatchObject({ DiskBackupState: 'NORMAL', Percent: 100 });
  });

  it('pages (default 20, max 100), orders and filters', async () => {
    const all = await cbs('DescribeDiskBackups');
    expect([all.TotalCount, all.DiskBackupSet.length, all.DiskBackupSet[0].DiskBackupName]).toEqual([
      25,
      20,
      'old-0',
    ]);
    const rest = await cbs('DescribeDiskBackups', { Offset: 20, Limit: 100 });
    expect(rest.DiskBackupSet.map((b: { DiskBackupName: string }) => b.DiskBackupName)).toEqual([
      'old-20',
      'old-21',
      'old-22',
      'old-23',
      'old-24',
    ]);
    const newest = await cbs('DescribeDiskBackups', { Order: 'DESC', Limit: 1 });
    expect(newest.DiskBackupSet[0].DiskBackupName).toBe('old-24');
    const byDisk = await cbs('DescribeDiskBackups', { Filters: [{ Name: 'disk-id', Values: ['disk-c'] }] });
    expect(byDisk.TotalCount).toBe(1);
    const byUsage = await cbs('DescribeDiskBackups', {
      Filters: [{ Name: 'disk-usage', Values: ['SYSTEM_DISK'] }],
    });
    expect(byUsage.DiskBackupSet[0].DiskId).toBe('disk-c');
    expect(await codeOf('DescribeDiskBackups', { Limit: 101 })).toBe('InvalidParameterValue');
    expect(await codeOf('DescribeDiskBackups', { Offset: -1 })).toBe('InvalidParameterValue');
    expect(await codeOf('DescribeDiskBackups', { Order: 'UP' })).toBe('InvalidParameterValue');
  });

  it('refuses ids with filters, unknown filters, and a missing region', async () => {
    const both = { DiskBackupIds: ['dbp-old00000'], Filters: [{ Name: 'disk-id', Values: ['disk-a'] }] };
    expect(await codeOf('DescribeDiskBackups', both)).toBe('InvalidParameter');
    expect(await codeOf('DescribeDiskBackups', { Filters: [{ Name: 'zone', Values: ['x'] }] })).toBe(
      'InvalidFilter',
    );
    expect(await codeOf('DescribeDiskBackups', { Filters: [{ Name: 'disk-id' }] })).toBe('InvalidParameter');
    expect(await codeOf('DescribeDiskBackups', {}, null)).toBe('MissingParameter');
  });
});

describe('DeleteDiskBackups', () => {
  it('deletes, refuses unknown ids and CREATING ones, all or nothing', async () => {
    const { DiskBackupId } = await cbs('CreateDiskBackup', { DiskId: 'disk-b' });
    expect(await codeOf('DeleteDiskBackups', { DiskBackupIds: [DiskBackupId] })).toBe('ResourceBusy');
    expect(await codeOf('DeleteDiskBackups', { DiskBackupIds: ['dbp-old00000', 'dbp-nothere'] })).toBe(
      'ResourceNotFound.NotFound',
    );
    expect((await cbs('DescribeDiskBackups', { DiskBackupIds: ['dbp-old00000'] })).TotalCount).toBe(1);
    expect(await codeOf('DeleteDiskBackups', { DiskBackupIds: ['dbp-old00000'] })).toBe('OK');
    expect((await cbs('DescribeDiskBackups', { DiskBackupIds: ['dbp-old00000'] })).TotalCount).toBe(0);
    expect(await codeOf('DeleteDiskBackups', {})).toBe('MissingParameter');
  });
});

describe('DescribeDisks', () => {
  const ids = async (params: Record<string, unknown>) =>
    (await cbs('DescribeDisks', params)).DiskSet.map((d: { DiskId: string }) => d.DiskId);

  it('selects by id and by tag filters, in the request region only', async () => {
    expect(await ids({})).toEqual(['disk-a', 'disk-b', 'disk-c']);
    expect(await ids({ DiskIds: ['disk-b', 'disk-sh'] })).toEqual(['disk-b']);
    expect(await ids({ Filters: [{ Name: 'tag-key', Values: ['env'] }] })).toEqual(['disk-a', 'disk-b']);
    expect(await ids({ Filters: [{ Name: 'tag-value', Values: ['dev'] }] })).toEqual(['disk-b']);
    expect(
      await ids({
        Filters: [
          { Name: 'tag:backup', Values: ['nightly'] },
          { Name: 'tag:env', Values: ['prod', 'qa'] },
        ],
      }),
    ).toEqual(['disk-a']);
    expect(await ids({ Filters: [{ Name: 'disk-id', Values: ['disk-c'] }] })).toEqual(['disk-c']);
  });

  it('pages and refuses bad combinations', async () => {
    const page = await cbs('DescribeDisks', { Offset: 1, Limit: 1 });
    expect([page.TotalCount, page.DiskSet[0].DiskId]).toEqual([3, 'disk-b']);
    expect(await codeOf('DescribeDisks', { Limit: 101 })).toBe('InvalidParameterValue');
    expect(
      await codeOf('DescribeDisks', {
        DiskIds: ['disk-a'],
        Filters: [{ Name: 'disk-id', Values: ['disk-a'] }],
      }),
    ).toBe('InvalidParameter');
    expect(await codeOf('DescribeDisks', { Filters: [{ Name: 'colour', Values: ['red'] }] })).toBe(
      'InvalidFilter',
    );
  });
});
