/**
 * The engine against the simulator, for each kind that makes backups: the same specification,
 * run against CBS disks, CDB instances, DWS clusters and GaussDB(for MySQL) instances. Each test
 * starts its own simulator, so the tests of a kind run side by side.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKUP_KINDS,
  NOW,
  SLOT,
  daysAfter,
  ourName,
  policyFileYaml,
  policyYaml,
  resourceHash,
  type BackupKindFixture,
  type SeededBackup,
} from '../helpers/backup-kinds';
import { lines, targetsOf } from '../helpers/report-lines';
import { callsSince, harnessPool, type SimHarness } from '../helpers/sim-harness';

const pool = harnessPool();
afterAll(() => pool.stopAll());

const NIGHTLY = { tags: { backup: 'nightly' } };

/** Every backup the simulator holds for the fixture's kind, as `<resource> <name>`, sorted. */
async function backupsHeld(h: SimHarness, fx: BackupKindFixture): Promise<string[]> {
  return fx
    .backupsIn(await h.state())
    .map((b) => `${b.resourceId} ${b.name}`)
    .sort();
}

const held = (resourceId: string, name: string) => `${resourceId} ${name}`;

describe.each(BACKUP_KINDS)('the engine with $kind', (fx) => {
  const [r0, r1, r2, r3] = fx.ids;
  const ours = (slot: Date, resourceId: string, policy = 'nightly') => ourName(policy, slot, resourceId);
  const oursAt = (days: number, resourceId: string): SeededBackup => ({
    resourceId,
    name: ours(daysAfter(SLOT, days), resourceId),
    at: daysAfter(SLOT, days),
  });

  it.concurrent(
    'creates one backup per selected resource on the first run, named for the policy and slot',
    async () => {
      const h = await pool.start({ seed: fx.seed() });
      const file = h.policy(policyFileYaml(policyYaml(fx, { select: NIGHTLY })));

      const report = await h.run(file, { now: NOW });

      expect(report.status).toBe('succeeded');
      expect(report.policies[0]?.slot).toBe(SLOT.toISOString().replace('.000Z', 'Z'));
      expect(lines(report)).toEqual([`${r0} create done`, `${r1} create done`].sort());
      expect(report.totals).toEqual({ created: 2, skipped: 0, pruned: 0, failed: 0, stale: 0, never: 0 });
      const state = fx.backupsIn(await h.state());
      for (const target of targetsOf(report)) {
        expect(target.provider).toBe(fx.cloud);
        expect(target.region).toBe(fx.region);
        expect(target.backupName).toMatch(/^scfb-nightly-20261124T180000Z-[0-9a-f]{10}$/);
        expect(target.backupName?.endsWith(resourceHash(target.resourceId))).toBe(true);
        const inCloud = state.find((b) => b.name === target.backupName);
        expect(inCloud).toMatchObject({ id: target.backupId, resourceId: target.resourceId });
      }
      expect(state).toHaveLength(2);
    },
  );

  it.concurrent(
    'creates nothing on a second run in the same slot and names the backup it found',
    async () => {
      const h = await pool.start({ seed: fx.seed() });
      const file = h.policy(policyFileYaml(policyYaml(fx, { select: NIGHTLY })));
      const first = await h.run(file, { now: NOW });
      const before = await h.stats();

      // An hour later, the first run's backups still being created: same slot, nothing to do.
      const second = await h.run(file, { now: new Date(NOW.getTime() + 3_600_000) });

      expect(lines(second)).toEqual([`${r0} skip skipped`, `${r1} skip skipped`].sort());
      expect(second.totals).toEqual({ created: 0, skipped: 2, pruned: 0, failed: 0, stale: 0, never: 0 });
      for (const target of targetsOf(second)) {
        const made = targetsOf(first).find((t) => t.resourceId === target.resourceId);
        expect(target.reason).toContain(
          `slot ${SLOT.toISOString().replace('.000Z', 'Z')} already backed up by ${made?.backupName}`,
        );
        expect(target.backupId).toBe(made?.backupId);
      }
      expect(callsSince(before, await h.stats(), fx.createApi)).toBe(0);
      expect(await backupsHeld(h, fx)).toHaveLength(2);
    },
  );

  it.concurrent(
    'a week later backs up the next slot and prunes beyond keepLast, once last week is done',
    async () => {
      const seeded = [oursAt(-14, r0), oursAt(-7, r0), oursAt(-14, r1), oursAt(-7, r1)];
      const h = await pool.start({ seed: fx.seed(seeded) });
      const file = h.policy(policyFileYaml(policyYaml(fx, { select: NIGHTLY, retention: { keepLast: 2 } })));
      const nextWeek = daysAfter(NOW, 7);

      const first = await h.run(file, { now: NOW });
      expect(lines(first)).toEqual(
        [
          `${r0} create done`,
          `${r0} prune done ${ours(daysAfter(SLOT, -14), r0)}`,
          `${r1} create done`,
          `${r1} prune done ${ours(daysAfter(SLOT, -14), r1)}`,
        ].sort(),
      );

      // While last week's backups are still being created, the resources are busy and those
      // backups do not count towards the floor: nothing is even considered for pruning.
      const early = await h.run(file, { now: nextWeek, execute: { busyRetries: 0 } });
      expect(lines(early)).toEqual([`${r0} create failed`, `${r1} create failed`].sort());
      expect(
        targetsOf(early)
          .filter((t) => t.action === 'create')
          .map((t) => t.error?.code),
      ).toEqual([fx.busyCode, fx.busyCode]);

      h.settle();
      const later = await h.run(file, { now: nextWeek });
      expect(lines(later)).toEqual(
        [
          `${r0} create done`,
          `${r0} prune done ${ours(daysAfter(SLOT, -7), r0)}`,
          `${r1} create done`,
          `${r1} prune done ${ours(daysAfter(SLOT, -7), r1)}`,
        ].sort(),
      );
      expect(later.policies[0]?.slot).toBe(daysAfter(SLOT, 7).toISOString().replace('.000Z', 'Z'));
      expect(await backupsHeld(h, fx)).toEqual(
        [
          held(r0, ours(SLOT, r0)),
          held(r0, ours(daysAfter(SLOT, 7), r0)),
          held(r1, ours(SLOT, r1)),
          held(r1, ours(daysAfter(SLOT, 7), r1)),
        ].sort(),
      );
    },
  );

  it.concurrent('prunes past maxAge but always keeps minKeep completed backups', async () => {
    // r0 has one recent backup and two old ones; r1 has only old ones, which the floor protects.
    const seeded = [oursAt(-30, r0), oursAt(-20, r0), oursAt(-1, r0), oursAt(-40, r1), oursAt(-30, r1)];
    const h = await pool.start({ seed: fx.seed(seeded) });
    const policy = policyYaml(fx, { select: NIGHTLY, retention: { maxAge: '10d', minKeep: 2 } });
    const file = h.policy(policyFileYaml(policy));
    const name = (days: number, resourceId: string) => ours(daysAfter(SLOT, days), resourceId);

    const today = await h.run(file, { now: NOW });
    expect(lines(today)).toEqual(
      [`${r0} create done`, `${r0} prune done ${name(-30, r0)}`, `${r1} create done`].sort(),
    );

    // A day later today's backups count towards the floor, so one more old backup of each goes.
    h.settle();
    const tomorrow = await h.run(file, { now: daysAfter(NOW, 1) });
    expect(lines(tomorrow)).toEqual(
      [
        `${r0} create done`,
        `${r0} prune done ${name(-20, r0)}`,
        `${r1} create done`,
        `${r1} prune done ${name(-40, r1)}`,
      ].sort(),
    );
    expect(await backupsHeld(h, fx)).toEqual(
      [
        held(r0, name(-1, r0)),
        held(r0, name(0, r0)),
        held(r0, name(1, r0)),
        held(r1, name(-30, r1)),
        held(r1, name(0, r1)),
        held(r1, name(1, r1)),
      ].sort(),
    );
  });

  it.concurrent(
    'selects by tags (all must match), lets exclude win, ANDs ids with tags and fails missing ids',
    async () => {
      const h = await pool.start({ seed: fx.seed() });
      const file = h.policy(
        policyFileYaml(
          policyYaml(fx, { name: 'by-tag', select: NIGHTLY }),
          policyYaml(fx, { name: 'all-tags', select: { tags: { backup: 'nightly', env: 'prod' } } }),
          policyYaml(fx, { name: 'excluded', select: { ...NIGHTLY, exclude: [r1] } }),
          policyYaml(fx, { name: 'ids-and-tags', select: { ids: [r0, r2], ...NIGHTLY } }),
          policyYaml(fx, { name: 'by-id', select: { ids: [r3, fx.missingId] } }),
        ),
      );

      const plan = await h.run(file, { now: NOW, dryRun: true });

      expect(lines(plan, 'by-tag')).toEqual([`${r0} create planned`, `${r1} create planned`].sort());
      expect(lines(plan, 'all-tags')).toEqual([`${r0} create planned`]);
      expect(lines(plan, 'excluded')).toEqual([`${r0} create planned`]);
      expect(lines(plan, 'ids-and-tags')).toEqual([`${r0} create planned`, `${r2} create failed`].sort());
      expect(lines(plan, 'by-id')).toEqual([`${fx.missingId} create failed`, `${r3} create planned`].sort());
      const notFound = targetsOf(plan).filter((t) => t.outcome === 'failed');
      expect(notFound.map((t) => t.error?.code)).toEqual(['ResourceNotFound', 'ResourceNotFound']);
      expect(notFound.find((t) => t.resourceId === r2)?.reason).toContain('not found');
      expect(notFound.find((t) => t.resourceId === r2)?.reason).toContain('with the selected tags');
      expect(notFound.find((t) => t.resourceId === fx.missingId)?.reason).toContain('not found');

      const run = await h.run(file, { now: NOW, policies: ['by-tag'] });
      expect(lines(run)).toEqual([`${r0} create done`, `${r1} create done`].sort());
      expect(await backupsHeld(h, fx)).toEqual(
        [held(r0, ours(SLOT, r0, 'by-tag')), held(r1, ours(SLOT, r1, 'by-tag'))].sort(),
      );
    },
  );

  it.concurrent('never deletes a lookalike backup it did not make, even with keepLast 1', async () => {
    const lookalikes: SeededBackup[] = [
      // Our marker and policy, but no resource part: made by hand.
      { resourceId: r0, name: 'scfb-nightly-20260101T000000Z', at: new Date('2026-01-01T00:00:00Z') },
      // Another policy's backup of this resource.
      { resourceId: r0, name: ours(daysAfter(SLOT, -14), r0, 'weekly'), at: daysAfter(SLOT, -14) },
      // Named for another resource.
      { resourceId: r0, name: ours(daysAfter(SLOT, -14), r1), at: daysAfter(SLOT, -14) },
      // Our name with something after it.
      { resourceId: r0, name: `${ours(daysAfter(SLOT, -21), r0)}-copy`, at: daysAfter(SLOT, -21) },
      // Our policy name in someone else's format.
      { resourceId: r0, name: 'scfb-nightly-lookalike', at: daysAfter(SLOT, -28) },
    ];
    if (fx.kind !== 'cbs-disk') {
      // The cloud's own automatic backup, even under a name of our format (CBS has none).
      lookalikes.push({
        resourceId: r0,
        name: ours(daysAfter(SLOT, -14), r0),
        at: daysAfter(SLOT, -14),
        automatic: true,
      });
    }
    const h = await pool.start({ seed: fx.seed([...lookalikes, oursAt(-7, r0)]) });
    const file = h.policy(
      policyFileYaml(policyYaml(fx, { select: { ids: [r0] }, retention: { keepLast: 1 } })),
    );

    const first = await h.run(file, { now: NOW });
    // The floor keeps last week's: today's is not complete yet.
    expect(lines(first)).toEqual([`${r0} create done`]);
    h.settle();
    const before = await h.stats();
    const second = await h.run(file, { now: daysAfter(NOW, 7) });

    expect(lines(second)).toEqual([`${r0} create done`, `${r0} prune done ${ours(daysAfter(SLOT, -7), r0)}`]);
    expect(callsSince(before, await h.stats(), fx.deleteApi)).toBe(1);
    expect(await backupsHeld(h, fx)).toEqual(
      [
        ...lookalikes.map((b) => held(r0, b.name)),
        held(r0, ours(SLOT, r0)),
        held(r0, ours(daysAfter(SLOT, 7), r0)),
      ].sort(),
    );
  });

  it.concurrent(
    'keeps two policies apart when one name is a prefix of the other, in both directions',
    async () => {
      const at = (days: number, policy: string): SeededBackup => ({
        resourceId: r0,
        name: ours(daysAfter(SLOT, days), r0, policy),
        at: daysAfter(SLOT, days),
      });
      const seeded = [at(-14, 'nightly'), at(-7, 'nightly'), at(-14, 'nightly-db'), at(-7, 'nightly-db')];
      const h = await pool.start({ seed: fx.seed(seeded) });
      const one = (name: string) =>
        policyYaml(fx, { name, select: { ids: [r0] }, retention: { keepLast: 1 } });
      const file = h.policy(policyFileYaml(one('nightly'), one('nightly-db')));

      // `nightly` neither counts `nightly-db`'s backups as its own nor prunes them…
      const short = await h.run(file, { now: NOW, policies: ['nightly'] });
      expect(lines(short)).toEqual([
        `${r0} create done`,
        `${r0} prune done ${ours(daysAfter(SLOT, -14), r0, 'nightly')}`,
      ]);
      // …and `nightly-db` does not take `nightly`'s new backup for its slot, nor prune `nightly`'s.
      const long = await h.run(file, { now: NOW, policies: ['nightly-db'] });
      expect(lines(long)).toEqual([
        `${r0} create done`,
        `${r0} prune done ${ours(daysAfter(SLOT, -14), r0, 'nightly-db')}`,
      ]);
      expect(await backupsHeld(h, fx)).toEqual(
        [
          held(r0, ours(daysAfter(SLOT, -7), r0, 'nightly')),
          held(r0, ours(SLOT, r0, 'nightly')),
          held(r0, ours(daysAfter(SLOT, -7), r0, 'nightly-db')),
          held(r0, ours(SLOT, r0, 'nightly-db')),
        ].sort(),
      );
    },
  );

  it.concurrent(
    'prunes nothing when its backups fail, and reports each failure with the code and request id',
    async () => {
      const seeded = [oursAt(-14, r0), oursAt(-7, r0), oursAt(-14, r1), oursAt(-7, r1)];
      const h = await pool.start({ seed: fx.seed(seeded) });
      const file = h.policy(policyFileYaml(policyYaml(fx, { select: NIGHTLY, retention: { keepLast: 1 } })));
      await h.faults({ errorRate: 1, errorCodes: [fx.failCode], actions: [fx.createApi] });
      const heldBefore = await backupsHeld(h, fx);

      const report = await h.run(file, { now: NOW });

      expect(lines(report)).toEqual(
        [
          `${r0} create failed`,
          `${r0} prune skipped ${ours(daysAfter(SLOT, -14), r0)}`,
          `${r1} create failed`,
          `${r1} prune skipped ${ours(daysAfter(SLOT, -14), r1)}`,
        ].sort(),
      );
      for (const failed of targetsOf(report).filter((t) => t.outcome === 'failed')) {
        expect(failed.error?.code).toBe(fx.failCode);
        expect(failed.error?.message).toContain(fx.failCode);
        expect(failed.error?.requestId).toMatch(/^[0-9a-f-]{32,36}$/);
      }
      for (const skipped of targetsOf(report).filter((t) => t.action === 'prune')) {
        expect(skipped.reason).toBe('not pruned: the backup of this run failed');
      }
      expect(report.totals).toMatchObject({ created: 0, pruned: 0, failed: 2 });
      expect((await h.stats())[fx.deleteApi]).toBeUndefined();
      expect(await backupsHeld(h, fx)).toEqual(heldBefore);
    },
  );

  it.concurrent('dry run plans the same creations and prunes as a run, and changes nothing', async () => {
    const seeded = [oursAt(-14, r0), oursAt(-7, r0), oursAt(-14, r1), oursAt(-7, r1)];
    const h = await pool.start({ seed: fx.seed(seeded) });
    const file = h.policy(policyFileYaml(policyYaml(fx, { select: NIGHTLY, retention: { keepLast: 2 } })));
    const stateBefore = await h.state();

    const plan = await h.run(file, { now: NOW, dryRun: true });

    expect(plan.dryRun).toBe(true);
    expect(lines(plan)).toEqual(
      [
        `${r0} create planned`,
        `${r0} prune planned ${ours(daysAfter(SLOT, -14), r0)}`,
        `${r1} create planned`,
        `${r1} prune planned ${ours(daysAfter(SLOT, -14), r1)}`,
      ].sort(),
    );
    expect(await h.state()).toEqual(stateBefore);
    const called = Object.keys(await h.stats());
    expect(called.length).toBeGreaterThan(0);
    expect(called.filter((api) => !fx.readApis.includes(api))).toEqual([]);

    const run = await h.run(file, { now: NOW });
    const planned = (report: typeof plan) =>
      targetsOf(report)
        .map((t) => `${t.resourceId} ${t.action} ${t.backupName} ${t.action === 'prune' ? t.backupId : ''}`)
        .sort();
    expect(planned(run)).toEqual(planned(plan));
  });
});
