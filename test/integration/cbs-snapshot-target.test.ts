/**
 * The cbs-snapshot kind's functions against the simulator over real HTTP (signed, paced): create
 * with a Deadline, list and map states, delete, and the cross-region copies (made once NORMAL,
 * never twice, pruned by the same retention in the destination, lookalikes untouched).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTencentClient } from '../../lib/cloud/tencent';
import { backupName } from '../../lib/engine/naming';
import { parsePolicyObject } from '../../lib/policy/parse';
import { createThrottle } from '../../lib/throttle/throttle';
import { copySnapshot, listSnapshots } from '../../lib/targets/cbs-snapshot-api';
import { followUpCopies } from '../../lib/targets/cbs-snapshot-copies';
import { cbsSnapshotTarget, type CbsSnapshotPolicy } from '../../lib/targets/cbs-snapshot';
import type { CloudClientSet, Resource } from '../../lib/targets/types';
import { startSimulator, type RunningSimulator } from '../../sim';
import { steppedClock } from '../sim/sim-helpers';

const GZ = 'ap-guangzhou';
const SH = 'ap-shanghai';
const BJ = 'ap-beijing';
const TRANSITION_MS = 1000;
const DAY_MS = 24 * 3600_000;
const clock = steppedClock();
let sim: RunningSimulator;
let clients: CloudClientSet;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      tencent: {
        disks: [
          { id: 'disk-a', region: GZ, tags: { backup: 'snap' } },
          { id: 'disk-b', region: GZ },
        ],
      },
    },
    transitionMs: TRANSITION_MS,
    clock,
    rateLimits: false,
  });
  const tencent = createTencentClient({
    credentials: sim.credentials.tencent,
    endpoint: sim.url,
    throttle: createThrottle(),
  });
  clients = {
    tencent: () => tencent,
    huawei: () => {
      throw new Error('no Huawei here');
    },
  };
});
beforeEach(() => sim.reset());
afterAll(() => sim.stop());

function policy(retention: Record<string, unknown>, copyTo?: string[]): CbsSnapshotPolicy {
  const file = parsePolicyObject(
    {
      version: 1,
      policies: [
        {
          name: 'snaps',
          kind: 'cbs-disk',
          schedule: '0 0 3 * * * *',
          regions: [GZ],
          select: { tags: { backup: 'snap' } },
          retention,
        },
      ],
    },
    {},
  );
  return { ...file.policies[0], kind: 'cbs-snapshot', ...(copyTo ? { copyTo } : {}) } as CbsSnapshotPolicy;
}

interface SimSnapshot {
  Region: string;
  SnapshotId: string;
  SnapshotName: string;
  SnapshotState: string;
  DeadlineTime: string;
  CopyFromRemote: boolean;
}
const simSnapshots = () => (sim.state().tencent as { snapshots: SimSnapshot[] }).snapshots;
const slot = (day: number) => new Date(Date.UTC(2026, 10, day, 3));
const disk: Resource = { id: 'disk-a', region: GZ, tags: {} };

describe('cbs-snapshot against the simulator', () => {
  it('finds the selected disks with the 64-snapshot quota, creates with a Deadline, maps states, deletes', async () => {
    const p = policy({ keepLast: 3, maxAge: '7d' });
    const found = await cbsSnapshotTarget.discover(p, GZ, clients);
    expect(found.map((d) => [d.id, d.backupQuota])).toEqual([['disk-a', 64]]);
    const name = backupName('snaps', slot(20), 'disk-a');
    const before = Date.now();
    const made = await cbsSnapshotTarget.createBackup(p, disk, name, clients);
    expect(made.backupId).toMatch(/^snap-[a-z0-9]{8}$/);
    const [stored] = simSnapshots();
    const deadline = Date.parse(stored?.DeadlineTime ?? '');
    expect(deadline).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 7 * DAY_MS);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);

    let listed = (await listSnapshots(GZ, [disk], clients)).get('disk-a');
    expect(listed).toEqual([
      {
        id: made.backupId,
        name,
        resourceId: 'disk-a',
        state: 'creating',
        cloudState: 'CREATING',
        manual: true,
      },
    ]);
    await expect(cbsSnapshotTarget.deleteBackup(p, disk, listed![0]!, clients)).rejects.toMatchObject({
      code: 'ResourceUnavailable.SnapshotCreating',
    });
    clock.advance(TRANSITION_MS);
    listed = (await listSnapshots(GZ, [disk], clients)).get('disk-a');
    expect(listed?.[0]).toMatchObject({ state: 'available', cloudState: 'NORMAL' });
    await cbsSnapshotTarget.deleteBackup(p, disk, listed![0]!, clients);
    expect(simSnapshots()).toEqual([]);
  });

  it('asks for at least a day (plus an hour of clock margin) when maxAge is shorter; none without maxAge', async () => {
    await cbsSnapshotTarget.createBackup(
      policy({ maxAge: '1h' }),
      disk,
      backupName('snaps', slot(20), 'disk-a'),
      clients,
    );
    const deadline = Date.parse(simSnapshots()[0]?.DeadlineTime ?? '');
    expect(deadline).toBeGreaterThanOrEqual(clock.now() + DAY_MS);
    clock.advance(TRANSITION_MS);
    await cbsSnapshotTarget.createBackup(
      policy({ keepLast: 2 }),
      disk,
      backupName('snaps', slot(21), 'disk-a'),
      clients,
    );
    expect(simSnapshots()[1]?.DeadlineTime).toBe('');
  });

  it('copies each snapshot once it is NORMAL, once per region, and reports where each copy stands', async () => {
    const p = policy({ keepLast: 2 }, [SH, BJ]);
    const options = { dryRun: false, now: new Date(clock.now()) };
    const name = backupName('snaps', slot(20), 'disk-a');
    await cbsSnapshotTarget.createBackup(p, disk, name, clients);
    const waiting = await followUpCopies(p, disk, clients, options);
    expect(waiting.map((r) => [r.region, r.outcome, r.reason])).toEqual([
      [SH, 'skipped', expect.stringContaining('waits until it is NORMAL (CREATING)')],
      [BJ, 'skipped', expect.stringContaining('waits until it is NORMAL (CREATING)')],
    ]);
    clock.advance(TRANSITION_MS);
    expect(
      (await followUpCopies(p, disk, clients, { ...options, dryRun: true })).map((r) => r.outcome),
    ).toEqual(['planned', 'planned']);
    const made = await followUpCopies(p, disk, clients, options);
    expect(made.map((r) => [r.region, r.action, r.outcome, r.backupName])).toEqual([
      [SH, 'create', 'done', name],
      [BJ, 'create', 'done', name],
    ]);
    const again = await followUpCopies(p, disk, clients, options);
    expect(again.map((r) => [r.region, r.outcome, r.reason])).toEqual([
      [SH, 'skipped', expect.stringContaining('present (COPYING_FROM_REMOTE)')],
      [BJ, 'skipped', expect.stringContaining('present (COPYING_FROM_REMOTE)')],
    ]);
    const copies = simSnapshots().filter((s) => s.CopyFromRemote);
    expect(copies.map((s) => [s.Region, s.SnapshotName])).toEqual([
      [SH, name],
      [BJ, name],
    ]);
  });

  it('prunes copies in the destination by the same retention, never a lookalike', async () => {
    const p = policy({ keepLast: 1 }, [SH]);
    const options = () => ({ dryRun: false, now: new Date(clock.now()) });
    const older = backupName('snaps', slot(20), 'disk-a');
    const lookalike = backupName('snaps', slot(19), 'disk-b'); // another disk's tag: not ours for disk-a
    await cbsSnapshotTarget.createBackup(p, disk, older, clients);
    clock.advance(TRANSITION_MS);
    await followUpCopies(p, disk, clients, options());
    clock.advance(TRANSITION_MS);
    // A copy in the destination under a name that is not this disk's: never touched.
    const look = await cbsSnapshotTarget.createBackup(p, disk, lookalike, clients);
    clock.advance(TRANSITION_MS);
    await copySnapshot(clients, GZ, look.backupId, SH, lookalike);
    const newer = backupName('snaps', slot(21), 'disk-a');
    await cbsSnapshotTarget.createBackup(p, disk, newer, clients);
    clock.advance(TRANSITION_MS);
    const reports = await followUpCopies(p, disk, clients, options());
    expect(reports.map((r) => [r.action, r.outcome, r.backupName])).toEqual([
      ['create', 'done', newer],
      // The copy just made is still copying: the older one is kept until the newer is NORMAL.
    ]);
    clock.advance(TRANSITION_MS);
    const pruned = await followUpCopies(p, disk, clients, options());
    expect(pruned.map((r) => [r.action, r.outcome, r.backupName])).toEqual([
      ['create', 'skipped', newer],
      ['prune', 'done', older],
    ]);
    expect(
      simSnapshots()
        .filter((s) => s.Region === SH)
        .map((s) => s.SnapshotName),
    ).toEqual([lookalike, newer]);
  });
});
