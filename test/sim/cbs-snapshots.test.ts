/**
 * CBS snapshots in the simulator through real HTTP: the official SDK's CBS client drives the four
 * actions; signed raw calls check the documented refusals, states over time, Deadline expiry,
 * the per-disk quota and cross-region copies.
 */
import { cbs } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cbs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { CBS, GZ, sdkProfile, steppedClock, tc3Call } from './sim-helpers';

const SH = 'ap-shanghai';
const TRANSITION_MS = 1000;
const DAY_MS = 24 * 3600_000;
const clock = steppedClock();
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      tencent: {
        disks: [
          { id: 'disk-a', region: GZ },
          { id: 'disk-b', region: GZ },
        ],
      },
    },
    transitionMs: TRANSITION_MS,
    clock,
    rateLimits: false,
  });
});
beforeEach(() => sim.reset());
afterAll(() => sim.stop());

async function call(action: string, params: Record<string, unknown>, region = GZ) {
  const timestampSec = Math.floor(clock.now() / 1000); // signed at the simulator's time
  const { json } = await tc3Call(sim, { ...CBS, action, params, region, timestampSec });
  return json.Response;
}
const codeOf = async (action: string, params: Record<string, unknown>, region = GZ) =>
  (await call(action, params, region)).Error?.Code ?? 'OK';
/** Whole seconds, rounded up: a Deadline "a day ahead" must not fall short by the dropped ms. */
const iso = (ms: number) => `${new Date(Math.ceil(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;

describe('official SDK CBS client: snapshots', () => {
  it('CreateSnapshot, DescribeSnapshots, CopySnapshotCrossRegions, DeleteSnapshots', async () => {
    const credential = sim.credentials.tencent;
    const gz = new cbs.v20170312.Client({ credential, region: GZ, profile: sdkProfile(sim, 'cbs') });
    const sh = new cbs.v20170312.Client({ credential, region: SH, profile: sdkProfile(sim, 'cbs') });
    const deadline = iso(clock.now() + 2 * DAY_MS);
    const made = await gz.CreateSnapshot({ DiskId: 'disk-a', SnapshotName: 'scfb-sdk', Deadline: deadline });
    expect(made.SnapshotId).toMatch(/^snap-[a-z0-9]{8}$/);
    const listed = await gz.DescribeSnapshots({ Filters: [{ Name: 'disk-id', Values: ['disk-a'] }] });
    expect(listed.TotalCount).toBe(1);
    expect(listed.SnapshotSet?.[0]).toMatchObject({
      SnapshotId: made.SnapshotId,
      SnapshotName: 'scfb-sdk',
      SnapshotState: 'CREATING',
      DiskId: 'disk-a',
      DeadlineTime: deadline,
      IsPermanent: false,
      CopyFromRemote: false,
    });
    clock.advance(TRANSITION_MS);
    const copied = await gz.CopySnapshotCrossRegions({
      SnapshotId: made.SnapshotId,
      DestinationRegions: [SH],
      SnapshotName: 'scfb-sdk',
    });
    const copyId = copied.SnapshotCopyResultSet?.[0]?.SnapshotId;
    expect(copied.SnapshotCopyResultSet).toEqual([
      { DestinationRegion: SH, Code: 'Success', Message: '', SnapshotId: copyId },
    ]);
    const source = await gz.DescribeSnapshots({ SnapshotIds: [made.SnapshotId ?? ''] });
    expect(source.SnapshotSet?.[0]?.CopyingToRegions).toEqual([SH]);
    const copy = await sh.DescribeSnapshots({ Filters: [{ Name: 'snapshot-name', Values: ['scfb-sdk'] }] });
    expect(copy.SnapshotSet?.[0]).toMatchObject({
      SnapshotId: copyId,
      SnapshotState: 'COPYING_FROM_REMOTE',
      CopyFromRemote: true,
      IsPermanent: true,
    });
    clock.advance(TRANSITION_MS);
    await sh.DeleteSnapshots({ SnapshotIds: [copyId ?? ''] });
    await gz.DeleteSnapshots({ SnapshotIds: [made.SnapshotId ?? ''] });
    expect((await gz.DescribeSnapshots({})).TotalCount).toBe(0);
  });
});

describe('CreateSnapshot', () => {
  it('checks the name (60 bytes), the Deadline (ISO-8601 UTC, a day ahead) and the disk', async () => {
    expect(await codeOf('CreateSnapshot', {})).toBe('MissingParameter');
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-a', SnapshotName: 'n'.repeat(61) })).toBe(
      'InvalidParameterValue',
    );
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-a', SnapshotName: '名'.repeat(21) })).toBe(
      'InvalidParameterValue',
    );
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-a', Deadline: '2030-01-01 00:00:00' })).toBe(
      'InvalidParameterValue',
    );
    const tooSoon = iso(clock.now() + DAY_MS - 1000);
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-a', Deadline: tooSoon })).toBe(
      'InvalidParameterValue',
    );
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-nope' })).toBe('InvalidDiskId.NotFound');
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-a' }, SH)).toBe('InvalidDiskId.NotFound');
    expect(
      await codeOf('CreateSnapshot', {
        DiskId: 'disk-a',
        SnapshotName: 'n'.repeat(60),
        Deadline: iso(clock.now() + DAY_MS),
      }),
    ).toBe('OK');
  });

  it('is refused while the disk creates one, at 64 per disk, and expires at its Deadline', async () => {
    const deadlineMs = Math.ceil((clock.now() + DAY_MS) / 1000) * 1000;
    await call('CreateSnapshot', { DiskId: 'disk-a', Deadline: iso(deadlineMs) });
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-a' })).toBe('InvalidDisk.SnapshotCreating');
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-b' })).toBe('OK');
    for (let i = 1; i < 64; i += 1) {
      clock.advance(TRANSITION_MS);
      expect(await codeOf('CreateSnapshot', { DiskId: 'disk-a' })).toBe('OK');
    }
    clock.advance(TRANSITION_MS);
    expect(await codeOf('CreateSnapshot', { DiskId: 'disk-a' })).toBe('InsufficientSnapshotQuota');
    const count = async () =>
      (await call('DescribeSnapshots', { Filters: [{ Name: 'disk-id', Values: ['disk-a'] }] })).TotalCount;
    expect(await count()).toBe(64);
    clock.advance(deadlineMs - clock.now());
    expect(await count()).toBe(63); // the first reached its Deadline: deleted by the cloud
  });
});

describe('DescribeSnapshots and DeleteSnapshots', () => {
  it('filters by state and name, takes at most 10 disk ids, refuses ids with filters', async () => {
    await call('CreateSnapshot', { DiskId: 'disk-a', SnapshotName: 'one' });
    const byState = async (state: string) =>
      (await call('DescribeSnapshots', { Filters: [{ Name: 'snapshot-state', Values: [state] }] }))
        .TotalCount;
    expect([await byState('CREATING'), await byState('NORMAL')]).toEqual([1, 0]);
    clock.advance(TRANSITION_MS);
    expect([await byState('CREATING'), await byState('NORMAL')]).toEqual([0, 1]);
    const ids = Array.from({ length: 11 }, (_, i) => `disk-${i}`);
    expect(await codeOf('DescribeSnapshots', { Filters: [{ Name: 'disk-id', Values: ids }] })).toBe(
      'InvalidParameterValue',
    );
    expect(await codeOf('DescribeSnapshots', { Filters: [{ Name: 'nope', Values: ['x'] }] })).toBe(
      'InvalidFilter',
    );
    expect(await codeOf('DescribeSnapshots', { SnapshotIds: ['snap-x'], Filters: [] })).toBe(
      'InvalidParameter',
    );
  });

  it('deletes NORMAL snapshots only, all or nothing', async () => {
    const { SnapshotId: first } = await call('CreateSnapshot', { DiskId: 'disk-a' });
    clock.advance(TRANSITION_MS);
    const { SnapshotId: second } = await call('CreateSnapshot', { DiskId: 'disk-a' });
    expect(await codeOf('DeleteSnapshots', { SnapshotIds: [first, second] })).toBe(
      'ResourceUnavailable.SnapshotCreating',
    );
    expect(await codeOf('DeleteSnapshots', { SnapshotIds: [first, 'snap-nope'] })).toBe(
      'InvalidSnapshotId.NotFound',
    );
    expect(await codeOf('DeleteSnapshots', { SnapshotIds: [first] }, SH)).toBe('InvalidSnapshotId.NotFound');
    expect((await call('DescribeSnapshots', {})).TotalCount).toBe(2);
    expect(await codeOf('DeleteSnapshots', { SnapshotIds: [first] })).toBe('OK');
  });
});

describe('CopySnapshotCrossRegions', () => {
  it('copies a NORMAL snapshot once at a time; the copy goes COPYING_FROM_REMOTE, CHECKING_COPIED, NORMAL', async () => {
    const { SnapshotId } = await call('CreateSnapshot', { DiskId: 'disk-a', SnapshotName: 'src' });
    expect(await codeOf('CopySnapshotCrossRegions', { SnapshotId, DestinationRegions: [SH] })).toBe(
      'InvalidSnapshot.NotSupported',
    );
    expect(
      await codeOf('CopySnapshotCrossRegions', { SnapshotId: 'snap-nope', DestinationRegions: [SH] }),
    ).toBe('InvalidSnapshotId.NotFound');
    expect(await codeOf('CopySnapshotCrossRegions', { SnapshotId })).toBe('MissingParameter');
    clock.advance(TRANSITION_MS);
    const copied = await call('CopySnapshotCrossRegions', { SnapshotId, DestinationRegions: [SH, GZ] });
    expect(copied.SnapshotCopyResultSet.map((r: { Code: string }) => r.Code)).toEqual([
      'Success',
      'InvalidParameterValue',
    ]);
    expect(await codeOf('CopySnapshotCrossRegions', { SnapshotId, DestinationRegions: [SH] })).toBe(
      'ResourceInUse.CopySnapshotConflict',
    );
    const copyState = async () => (await call('DescribeSnapshots', {}, SH)).SnapshotSet[0];
    expect(await copyState()).toMatchObject({
      SnapshotName: `Copied ${SnapshotId} from ${GZ}`,
      SnapshotState: 'COPYING_FROM_REMOTE',
      DiskId: 'disk-a',
    });
    clock.advance(TRANSITION_MS / 2);
    expect((await copyState()).SnapshotState).toBe('CHECKING_COPIED');
    expect(await codeOf('DeleteSnapshots', { SnapshotIds: [(await copyState()).SnapshotId] }, SH)).toBe(
      'InvalidSnapshot.NotSupported',
    );
    clock.advance(TRANSITION_MS / 2);
    expect((await copyState()).SnapshotState).toBe('NORMAL');
    expect(
      (await call('DescribeSnapshots', { SnapshotIds: [SnapshotId] })).SnapshotSet[0].CopyingToRegions,
    ).toEqual([]);
  });
});
