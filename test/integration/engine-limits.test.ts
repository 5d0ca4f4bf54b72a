/**
 * The engine's limits against the simulator over HTTP (issue 9 items 1, 3, 4, 6): attempts capped
 * per slot, the quota deadlock broken by pruning first, an error budget that counts failed creates
 * only, and a prune whose answer was lost looked up by id.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatAlert } from '../../lib/alerts/format';
import { createCloudClients } from '../../lib/cloud/clients';
import { backupName } from '../../lib/engine/naming';
import { runBackups } from '../../lib/engine/run';
import {
  cbsDisk,
  cdbMysql,
  DAY_MS,
  gaussdbMysql,
  NOW,
  ourName,
  policyFileYaml,
  policyYaml,
  SLOT,
  type BackupKindFixture,
} from '../helpers/backup-kinds';
import { callsSince, harnessPool } from '../helpers/sim-harness';
import { TARGETS } from '../../lib/targets/registry';

const harnesses = harnessPool();
afterAll(() => harnesses.stopAll());

const daysBefore = (n: number) => new Date(SLOT.getTime() - n * DAY_MS);

describe.each([
  ['cdb-mysql', cdbMysql, 'FAILED'],
  ['gaussdb-mysql', gaussdbMysql, 'FAILED'],
] as Array<[string, BackupKindFixture, string]>)(
  'a %s resource whose backups of a slot all ended failed',
  (_kind, fixture, failed) => {
    it('fails with "N attempts failed in slot S" and makes nothing more until the next slot', async () => {
      const id = fixture.ids[0]!;
      const attempts = [1, 2, 3].map((n) => ({
        resourceId: id,
        name: backupName('nightly', SLOT, id, n),
        at: new Date(SLOT.getTime() + n * 60_000),
      }));
      const seed = fixture.seed(attempts);
      // The seeds take a status only for "in progress"; these ended failed.
      const list = (seed.tencent?.mysqlBackups ?? seed.huawei?.gaussdbBackups) as Array<{ status?: string }>;
      for (const b of list) b.status = failed;
      const h = await harnesses.start({ seed });
      const file = h.policy(policyFileYaml(policyYaml(fixture, { select: { ids: [id] } })));
      const before = await h.stats();

      const report = await h.run(file, { now: NOW });
      const [target] = report.policies[0]!.targets;
      expect(target).toMatchObject({
        resourceId: id,
        action: 'create',
        outcome: 'failed',
        reason: '3 attempts failed in slot 2026-11-24T18:00:00Z; no more until the next slot (maxAttempts 3)',
        error: { code: 'AttemptsExhausted' },
      });
      expect(report.status).toBe('failed');
      expect(callsSince(before, await h.stats(), fixture.createApi)).toBe(0);
      // Alerted like any failure: the code and the reason are in the message.
      expect(formatAlert(report)?.text).toContain(
        'AttemptsExhausted: 3 attempts failed in slot 2026-11-24T18:00:00Z',
      );

      // The next slot is a fresh start: attempt 1 again.
      const next = await h.run(file, { now: new Date(NOW.getTime() + DAY_MS) });
      expect(next.policies[0]!.targets[0]).toMatchObject({
        outcome: 'done',
        backupName: ourName('nightly', new Date(SLOT.getTime() + DAY_MS), id),
      });
    });
  },
);

describe('a disk whose backup quota is full', () => {
  const disk = 'disk-0001';
  const seedWith = (backups: Array<{ name: string; at: Date }>) => {
    const seed = cbsDisk.seed(backups.map((b) => ({ ...b, resourceId: disk })));
    seed.tencent!.disks = [{ id: disk, region: 'ap-guangzhou', tags: {}, backupQuota: 3 }];
    return seed;
  };

  it('prunes what retention already lets go, then creates: no deadlock', async () => {
    const old = [10, 9, 8].map((n) => ({ name: ourName('nightly', daysBefore(n), disk), at: daysBefore(n) }));
    const h = await harnesses.start({ seed: seedWith(old) });
    // keepLast 5 is above the quota of 3; maxAge 3d lets the oldest two go (minKeep keeps one).
    const yaml = policyYaml(cbsDisk, { select: { ids: [disk] }, retention: { keepLast: 5, maxAge: '3d' } });
    const report = await h.run(h.policy(policyFileYaml(yaml)), { now: NOW });
    const targets = report.policies[0]!.targets;
    expect(targets.map((t) => [t.action, t.outcome, t.backupName])).toEqual([
      ['prune', 'done', old[1]!.name],
      ['prune', 'done', old[0]!.name],
      ['create', 'done', ourName('nightly', SLOT, disk)],
    ]);
    expect(targets[2]!.reason).toBe('backup quota was full: pruned 2 expired first');
    expect(targets[2]!.warning).toMatch(
      /^keepLast 5 exceeds the 3 backups the cloud lets this resource keep/,
    );
    const names = (await h.state()).tencent.diskBackups.map((b) => b.DiskBackupName).sort();
    expect(names).toEqual([old[2]!.name, ourName('nightly', SLOT, disk)].sort());
  });

  it('fails once, with a reason, when retention lets nothing go (one create call, no retry)', async () => {
    const recent = [3, 2, 1].map((n) => ({
      name: ourName('nightly', daysBefore(n), disk),
      at: daysBefore(n),
    }));
    const h = await harnesses.start({ seed: seedWith(recent) });
    const yaml = policyYaml(cbsDisk, { select: { ids: [disk] }, retention: { keepLast: 5 } });
    const before = await h.stats();
    const report = await h.run(h.policy(policyFileYaml(yaml)), { now: NOW });
    expect(report.policies[0]!.targets).toEqual([
      expect.objectContaining({
        action: 'create',
        outcome: 'failed',
        reason: 'backup quota full, and retention lets none of the backups go',
        error: expect.objectContaining({ code: 'ResourceInsufficient.OverQuota' }),
      }),
    ]);
    expect(callsSince(before, await h.stats(), 'cbs.CreateDiskBackup')).toBe(1);
  });
});

describe('a CDB instance refused with OverQuota', () => {
  it('has its expired backups pruned before the one more create, and says it was refused again', async () => {
    const id = cdbMysql.ids[0]!;
    const old = [20, 10].map((n) => ({
      resourceId: id,
      name: ourName('nightly', daysBefore(n), id),
      at: daysBefore(n),
    }));
    const h = await harnesses.start({ seed: cdbMysql.seed(old) });
    await h.faults({ errorRate: 1, errorCodes: ['OverQuota'], actions: ['cdb.CreateBackup'] });
    const yaml = policyYaml(cdbMysql, { select: { ids: [id] }, retention: { maxAge: '7d' } });
    const before = await h.stats();
    const report = await h.run(h.policy(policyFileYaml(yaml)), { now: NOW });
    expect(report.policies[0]!.targets.map((t) => [t.action, t.outcome, t.reason])).toEqual([
      ['prune', 'done', undefined],
      ['create', 'failed', 'backup quota full: pruned 1 expired, then refused again'],
    ]);
    expect(callsSince(before, await h.stats(), 'cdb.CreateBackup')).toBe(2);
  });
});

describe('the error budget', () => {
  it('counts failed creates only: 10 missing ids and 1 failed create do not abandon 50 healthy disks', async () => {
    const healthy = Array.from({ length: 50 }, (_, i) => `disk-h${String(i).padStart(4, '0')}`);
    const missing = Array.from({ length: 10 }, (_, i) => `disk-m${String(i).padStart(4, '0')}`);
    // Listed first, so its create is the first answered: a full quota held by a backup not ours.
    const full = 'disk-a0000';
    const h = await harnesses.start({
      seed: {
        tencent: {
          disks: [full, ...healthy].map((id) => ({
            id,
            region: 'ap-guangzhou',
            tags: {},
            ...(id === full ? { backupQuota: 1 } : {}),
          })),
          diskBackups: [{ diskId: full, name: 'made by hand', createTime: '2026-11-20T00:00:00Z' }],
        },
      },
    });
    // Latency keeps every create in flight while the missing ids are reported.
    await h.faults({ latencyMs: 200, actions: ['cbs.CreateDiskBackup'] });
    const ids = [full, ...healthy, ...missing];
    const file = h.policy(policyFileYaml(policyYaml(cbsDisk, { select: { ids } })));
    // Every chain starts at once, so the missing ids are reported before any create is answered.
    const report = await runBackups({
      registry: TARGETS,
      file,
      request: { trigger: 'cli', dryRun: false, force: false, now: NOW },
      clients: createCloudClients(h.env, { clouds: ['cbs-disk'], throttle: h.throttle }),
      concurrency: 64,
    });
    const targets = report.policies[0]!.targets;
    const outcome = (id: string) => targets.find((t) => t.resourceId === id);
    expect(healthy.map((id) => outcome(id)?.outcome)).toEqual(healthy.map(() => 'done'));
    expect(missing.map((id) => outcome(id)?.error?.code)).toEqual(missing.map(() => 'ResourceNotFound'));
    expect(outcome(full)).toMatchObject({
      outcome: 'failed',
      error: { code: 'ResourceInsufficient.OverQuota' },
    });
    expect(report.totals).toEqual({ created: 50, skipped: 0, pruned: 0, failed: 11, stale: 0, never: 1 });
  });
});

describe('a prune whose answer is lost after the cloud deleted the backup', () => {
  it('is looked up by id and reported done, not failed', async () => {
    const disk = 'disk-0001';
    const old = [30, 20].map((n) => ({
      resourceId: disk,
      name: ourName('nightly', daysBefore(n), disk),
      at: daysBefore(n),
    }));
    const h = await harnesses.start({ seed: cbsDisk.seed(old) });
    // Every delete is carried out, then its answer is never sent: the client gives up.
    await h.faults({ timeoutAfterCommitRate: 1, actions: ['cbs.DeleteDiskBackups'], seed: 9 });
    const yaml = policyYaml(cbsDisk, { select: { ids: [disk] }, retention: { maxAge: '7d' } });
    const report = await h.run(h.policy(policyFileYaml(yaml)), { now: NOW, timeoutMs: 2_000 });
    const prunes = report.policies[0]!.targets.filter((t) => t.action === 'prune');
    expect(prunes.map((t) => [t.backupName, t.outcome, t.reason])).toEqual([
      [old[0]!.name, 'done', 'the answer was lost; looked up by id: deleted'],
    ]);
    expect(report.totals.failed).toBe(0);
    const left = (await h.state()).tencent.diskBackups.map((b) => b.DiskBackupName);
    expect(left).toContain(old[1]!.name); // minKeep: the newest expired one stays
    expect(left).not.toContain(old[0]!.name);
  });
});
