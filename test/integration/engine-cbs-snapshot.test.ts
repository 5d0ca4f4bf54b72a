/**
 * The engine with cbs-snapshot's cross-region copies (`copyTo`), against the simulator: a copy
 * waits until its snapshot is NORMAL, is made once a later run finds it so, is never made twice,
 * is reported in its destination region, and is pruned there by the same retention. (The shared
 * specification of engine-backup-kinds.test.ts covers create, rerun, prune and lookalikes.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { camPolicy } from '../../lib/cli/cam-policy';
import { createCloudClients } from '../../lib/cloud/clients';
import { collectStatus } from '../../lib/status/collect';
import { formatStatus } from '../../lib/status/text';
import { parsePolicyObject } from '../../lib/policy/parse';
import type { BackupPolicy } from '../../lib/policy/schema';
import {
  NOW,
  SLOT,
  cbsSnapshot,
  daysAfter,
  ourName,
  policyFileYaml,
  policyYaml,
} from '../helpers/backup-kinds';
import { targetsOf } from '../helpers/report-lines';
import { harnessPool } from '../helpers/sim-harness';

const pool = harnessPool();
afterAll(() => pool.stopAll());

const SH = 'ap-shanghai';
const [r0] = cbsSnapshot.ids;
const policyWithCopies = (retention: Record<string, unknown>) =>
  policyFileYaml(`${policyYaml(cbsSnapshot, { select: { ids: [r0] }, retention })}\n    copyTo: [${SH}]`);

/** `<region> <action> <outcome> <name>` of each report line. */
const entries = (report: Parameters<typeof targetsOf>[0]) =>
  targetsOf(report).map((t) => `${t.region} ${t.action} ${t.outcome} ${t.backupName ?? ''}`);

describe('cbs-snapshot copies through the engine', () => {
  it('copies once NORMAL, in a later run of the same slot, never twice; a dry run only plans', async () => {
    const h = await pool.start({ seed: cbsSnapshot.seed() });
    const file = h.policy(policyWithCopies({ keepLast: 3 }));
    const name = ourName('nightly', SLOT, r0 as string);

    const first = await h.run(file, { now: NOW });
    expect(entries(first)).toEqual([`ap-guangzhou create done ${name}`, `${SH} create skipped ${name}`]);
    expect(targetsOf(first)[1]?.reason).toMatch(/waits until it is NORMAL \(CREATING\)$/);

    h.settle();
    const dry = await h.run(file, { now: NOW, dryRun: true });
    expect(entries(dry)).toEqual([`ap-guangzhou skip skipped ${name}`, `${SH} create planned ${name}`]);
    const second = await h.run(file, { now: NOW });
    expect(entries(second)).toEqual([`ap-guangzhou skip skipped ${name}`, `${SH} create done ${name}`]);
    const third = await h.run(file, { now: NOW });
    expect(entries(third)).toEqual([`ap-guangzhou skip skipped ${name}`, `${SH} create skipped ${name}`]);
    expect(targetsOf(third)[1]?.reason).toMatch(/present \((COPYING_FROM_REMOTE|CHECKING_COPIED)\)$/);

    const snapshots = (await h.state()).tencent.snapshots;
    expect(snapshots.map((s) => [s.Region, s.SnapshotName, s.CopyFromRemote])).toEqual([
      ['ap-guangzhou', name, false],
      [SH, name, true],
    ]);
    expect(await h.stats()).toMatchObject({ 'cbs.CopySnapshotCrossRegions': { calls: 1 } });
  });

  it('status shows each copy: waiting, then planned, then present, with listing calls only', async () => {
    const h = await pool.start({ seed: cbsSnapshot.seed() });
    const file = h.policy(policyWithCopies({ keepLast: 3 }));
    const name = ourName('nightly', SLOT, r0 as string);
    const status = async () => {
      const clients = createCloudClients(h.env, { clouds: ['cbs-snapshot'] });
      return collectStatus({
        policies: file.policies,
        settings: file.protection,
        clients,
        now: new Date(NOW),
      });
    };
    const copiesOf = (report: Awaited<ReturnType<typeof status>>) =>
      report.policies[0]?.resources[0]?.copies?.map((c) => `${c.region} ${c.outcome} ${c.backupName ?? ''}`);

    await h.run(file, { now: NOW });
    expect(copiesOf(await status())).toEqual([`${SH} waiting ${name}`]);
    h.settle();
    const before = await h.stats();
    const planned = await status();
    expect(copiesOf(planned)).toEqual([`${SH} planned ${name}`]);
    expect(formatStatus(planned)).toContain(`${r0} copy in ${SH}: planned (copy of `);
    const after = await h.stats();
    expect(after['cbs.CopySnapshotCrossRegions']?.calls ?? 0).toBe(
      before['cbs.CopySnapshotCrossRegions']?.calls ?? 0,
    );
    expect(after['cbs.CreateSnapshot']?.calls).toBe(before['cbs.CreateSnapshot']?.calls);

    await h.run(file, { now: NOW });
    const present = await status();
    expect(present.policies[0]?.resources[0]?.copies).toEqual([
      expect.objectContaining({ region: SH, outcome: 'present', backupName: name }),
    ]);
    expect(present.policies[0]?.resources[0]?.copies?.[0]?.backupId).toMatch(/^snap-/);
  });

  it('prunes copies in the destination by keepLast, as in the source', async () => {
    const h = await pool.start({ seed: cbsSnapshot.seed() });
    const file = h.policy(policyWithCopies({ keepLast: 1 }));
    const nextDay = daysAfter(NOW, 1);
    const older = ourName('nightly', SLOT, r0 as string);
    const newer = ourName('nightly', daysAfter(SLOT, 1), r0 as string);

    await h.run(file, { now: NOW });
    h.settle();
    await h.run(file, { now: NOW }); // the copy of the first
    h.settle();
    await h.run(file, { now: nextDay }); // the second snapshot; the first is kept until it is done
    h.settle();
    const pruning = await h.run(file, { now: nextDay });
    expect(entries(pruning)).toEqual([
      `ap-guangzhou skip skipped ${newer}`,
      `ap-guangzhou prune done ${older}`,
      `${SH} create done ${newer}`,
    ]);
    h.settle();
    const last = await h.run(file, { now: nextDay });
    expect(entries(last)).toEqual([
      `ap-guangzhou skip skipped ${newer}`,
      `${SH} create skipped ${newer}`,
      `${SH} prune done ${older}`,
    ]);
    const held = (await h.state()).tencent.snapshots.map((s) => `${s.Region} ${s.SnapshotName}`);
    expect(held).toEqual([`ap-guangzhou ${newer}`, `${SH} ${newer}`]);
  });
});

describe('cbs-snapshot copies when the policy stops', () => {
  it('makes no copy call once creates are refused for want of permission', async () => {
    const h = await pool.start({ seed: cbsSnapshot.seed() });
    const [a, b] = cbsSnapshot.ids;
    const yaml = policyYaml(cbsSnapshot, { select: { ids: [a, b] }, retention: { keepLast: 3 } });
    const file = h.policy(policyFileYaml(`${yaml}\n    copyTo: [${SH}]`));
    await h.faults({ errorRate: 1, errorCodes: ['UnauthorizedOperation'], actions: ['cbs.CreateSnapshot'] });

    const report = await h.run(file, { now: NOW });

    expect(targetsOf(report).filter((t) => t.region === SH)).toEqual([]);
    expect(await h.stats()).not.toHaveProperty(['cbs.CopySnapshotCrossRegions']);
    // Planning's one listing, no follow-up listing after the policy stopped.
    expect(await h.stats()).toMatchObject({ 'cbs.DescribeSnapshots': { calls: 1 } });
  });
});

describe('cam-policy for cbs-snapshot', () => {
  it('grants the snapshot calls, the copy, and writes in the copy regions too', () => {
    const policy = {
      kind: 'cbs-snapshot',
      regions: ['ap-guangzhou'],
      copyTo: [SH],
    } as unknown as BackupPolicy;
    const [reads, writes] = camPolicy([policy]).statement;
    expect(reads?.action).toEqual(['cvm:DescribeDisks', 'cvm:DescribeSnapshots']);
    expect(writes).toEqual({
      effect: 'allow',
      action: ['cvm:CopySnapshotCrossRegions', 'cvm:CreateSnapshot', 'cvm:DeleteSnapshots'],
      resource: ['*'],
      condition: { string_equal: { 'cvm:region': ['ap-guangzhou', SH] } },
    });
  });
});

describe('copyTo in the policy file', () => {
  const withCopyTo = (copyTo: unknown) => ({
    version: 1,
    policies: [
      {
        name: 'snaps',
        kind: 'cbs-snapshot',
        schedule: '0 0 2 * * * *',
        regions: ['ap-guangzhou'],
        select: { ids: ['disk-0001'] },
        copyTo,
        retention: { keepLast: 3 },
      },
    ],
  });

  it('is checked like regions: a misspelt region is refused with a suggestion, before any call', () => {
    expect(() => parsePolicyObject(withCopyTo(['ap-shanghia']), {})).toThrow(
      /policies\[0\]\.copyTo\[0\]: `ap-shanghia` is not a Tencent Cloud region .*did you mean `ap-shanghai`/,
    );
    expect(() => parsePolicyObject(withCopyTo('ap-shanghai'), {})).toThrow(/copyTo/);
    expect(parsePolicyObject(withCopyTo([SH]), {}).policies[0]).toMatchObject({ copyTo: [SH] });
  });

  it('belongs to cbs-snapshot only', () => {
    const file = withCopyTo([SH]);
    const policy = { ...file.policies[0], kind: 'cbs-disk' };
    expect(() => parsePolicyObject({ ...file, policies: [policy] }, {})).toThrow(
      /`copyTo` is not used by cbs-disk \(only by cbs-snapshot\)/,
    );
  });
});
