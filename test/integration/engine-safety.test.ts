/**
 * The rules that make a run safe to repeat, shown against the simulator: overlapping runs never
 * duplicate a backup, a busy resource is tried again within a bound and then reported, and a key
 * the cloud refuses stops each policy after its first call.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKUP_KINDS,
  NOW,
  SLOT,
  mergeSeeds,
  ourName,
  policyFileYaml,
  policyYaml,
  type BackupKindFixture,
} from '../helpers/backup-kinds';
import { lines, targetsOf } from '../helpers/report-lines';
import { barrierTransport, harnessPool, type SimHarness } from '../helpers/sim-harness';
import { httpRequest } from '../../lib/http/request';
import type { HttpRequest, HttpTransport } from '../../lib/http/types';
import { TKE_REPOSITORIES, TKE_SEED, tkePolicyYaml } from '../helpers/tke';

const pool = harnessPool();
afterAll(() => pool.stopAll());

const NIGHTLY = { tags: { backup: 'nightly' } };

/** A create call of `api` (`<service>.<Action>`): Tencent names it in a header, Huawei POSTs. */
const isCreate =
  (api: string) =>
  (request: HttpRequest): boolean => {
    const action = request.headers?.['X-TC-Action'];
    return action === undefined ? request.method === 'POST' : `${api.split('.')[0]}.${action}` === api;
  };

/**
 * Three invocations of one policy at once, each paced on its own as separate SCF instances are.
 * Each create waits until all three runs have sent the same one, so all three have planned the
 * same creations before the first is made, and two of every three creates are refused (busy, or
 * name taken): no latency has to outlast planning.
 */
const together = (h: SimHarness, file: ReturnType<SimHarness['policy']>, createApi: string) => {
  const transport = barrierTransport(3, isCreate(createApi));
  return Promise.all(
    [1, 2, 3].map(() => h.run(file, { now: NOW, ownThrottle: true, allowThrottled: true, transport })),
  );
};

describe.each(BACKUP_KINDS)('overlapping runs of one $kind policy', (fx) => {
  it.concurrent('make exactly one backup per resource between them', async () => {
    const h = await pool.start({ seed: fx.seed() });
    const file = h.policy(policyFileYaml(policyYaml(fx, { select: NIGHTLY })));
    const [r0, r1] = fx.ids;
    const reports = await together(h, file, fx.createApi);

    const ourBackups = fx
      .backupsIn(await h.state())
      .map((b) => `${b.resourceId} ${b.name}`)
      .sort();
    expect(ourBackups).toEqual(
      [`${r0} ${ourName('nightly', SLOT, r0)}`, `${r1} ${ourName('nightly', SLOT, r1)}`].sort(),
    );
    const all = reports.flatMap((r) => targetsOf(r));
    for (const resourceId of [r0, r1]) {
      const mine = all.filter((t) => t.resourceId === resourceId);
      expect(mine.filter((t) => t.outcome === 'done')).toHaveLength(1);
      const skipped = mine.filter((t) => t.outcome === 'skipped');
      expect(skipped).toHaveLength(2);
      for (const skip of skipped) {
        expect(skip.reason).toMatch(/^slot backed up by an overlapping run: scfb-nightly-/);
        expect(skip.backupName).toBe(ourName('nightly', SLOT, resourceId));
      }
    }
    expect(reports.map((r) => r.totals.failed)).toEqual([0, 0, 0]);
    expect((await h.stats())[fx.createApi]?.calls).toBeGreaterThanOrEqual(6);
  });
});

describe('overlapping runs of one tke-repository policy', () => {
  it('create each repository once, and none of them reports a failure', async () => {
    const h = await pool.start({ seed: TKE_SEED });
    const file = h.policy(tkePolicyYaml(TKE_REPOSITORIES));
    const reports = await together(h, file, 'tke.CreateBackupStorageLocation');

    const names = (await h.state()).tencent.backupStorageLocations.map((l) => l.Name).sort();
    expect(names).toEqual(['dr-backups', 'legacy-repo', 'prod-backups']);
    const all = reports.flatMap((r) => targetsOf(r));
    for (const name of ['prod-backups', 'dr-backups']) {
      const mine = all.filter((t) => t.resourceId === name);
      expect(mine.filter((t) => t.outcome === 'done')).toHaveLength(1);
      const skipped = mine.filter((t) => t.outcome === 'skipped');
      expect(skipped.map((t) => t.reason)).toEqual([
        'created by an overlapping run: repository exists with the policy settings and is Available',
        'created by an overlapping run: repository exists with the policy settings and is Available',
      ]);
    }
    expect(reports.map((r) => r.totals.failed)).toEqual([0, 0, 0]);
  });
});

describe.each(BACKUP_KINDS)('a $kind create whose answer is lost', (fx) => {
  it.concurrent('is found by name afterwards instead of being made again', async () => {
    const h = await pool.start({ seed: fx.seed() });
    const [r0] = fx.ids;
    const file = h.policy(policyFileYaml(policyYaml(fx, { select: { ids: [r0] } })));
    // The cloud makes the backup, then never answers; the client gives up after 2 s (long enough
    // that no other call of the run times out on a loaded machine).
    await h.faults({ timeoutAfterCommitRate: 1, actions: [fx.createApi] });

    const report = await h.run(file, { now: NOW, timeoutMs: 2_000 });

    expect(lines(report)).toEqual([`${r0} create done`]);
    expect(targetsOf(report)[0]?.reason).toBe('the answer was lost; found the backup by name');
    expect(fx.backupsIn(await h.state()).map((b) => b.name)).toEqual([ourName('nightly', SLOT, r0)]);
    expect((await h.stats())[fx.createApi]).toMatchObject({ calls: 1, faulted: 1 });
  });
});

/** The create's answer with the backup id taken out, as a cloud that sent none would answer. */
const withoutBackupId =
  (createApi: string): HttpTransport =>
  async (request) => {
    const response = await httpRequest(request);
    if (!isCreate(createApi)(request)) return response;
    const json = JSON.parse(response.body.toString()) as Record<string, Record<string, unknown> | undefined>;
    delete json.Response?.DiskBackupId;
    delete json.Response?.BackupId;
    delete json.Response?.SnapshotId;
    delete json.snapshot?.id;
    delete json.backup?.id;
    return { ...response, body: Buffer.from(JSON.stringify(json)) };
  };

describe.each(BACKUP_KINDS)('a $kind create answered without a backup id', (fx) => {
  it.concurrent('is not taken for a success: the backup is looked up by name for its id', async () => {
    const h = await pool.start({ seed: fx.seed() });
    const [r0] = fx.ids;
    const file = h.policy(policyFileYaml(policyYaml(fx, { select: { ids: [r0] } })));

    const report = await h.run(file, { now: NOW, transport: withoutBackupId(fx.createApi) });

    const [made] = fx.backupsIn(await h.state());
    expect(made?.name).toBe(ourName('nightly', SLOT, r0));
    expect(targetsOf(report)).toEqual([
      expect.objectContaining({
        outcome: 'done',
        backupId: made?.id,
        reason: 'the answer was lost; found the backup by name',
      }),
    ]);
    expect((await h.stats())[fx.createApi]?.calls).toBe(1);
  });
});

/**
 * A backup someone else started a moment ago keeps the resource busy for the simulator's
 * transition (200 s of its clock). The engine's back-off sleeps move that clock instead of
 * waiting; the real time a loaded machine takes only adds to the clock, so each expected try
 * falls at least 100 s of real time away from the transition's end.
 */
const BUSY_TRANSITION_MS = 200_000;
describe.each(BACKUP_KINDS)('a busy $kind resource', (fx) => {
  const [r0] = fx.ids;
  const busySeed = (f: BackupKindFixture) =>
    f.seed([{ resourceId: r0, name: 'manual-in-progress', at: new Date(), inProgress: true }]);
  const runOnce = async (h: SimHarness, busyDelayMs: number) => {
    const file = h.policy(policyFileYaml(policyYaml(fx, { select: { ids: [r0] } })));
    return h.run(file, { now: NOW, execute: { busyDelayMs, busyRetries: 4 } });
  };

  it.concurrent('is tried again later in the run and backed up once it is free', async () => {
    const h = await pool.start({ seed: busySeed(fx), transitionMs: BUSY_TRANSITION_MS });

    // Tries at 0 s, 30 s, 90 s and 210 s: free by the fourth.
    const report = await runOnce(h, 30_000);

    expect(lines(report)).toEqual([`${r0} create done`]);
    expect((await h.stats())[fx.createApi]?.calls).toBe(4);
  });

  it.concurrent('is reported with the cloud code once the bound is reached', async () => {
    const h = await pool.start({ seed: busySeed(fx), transitionMs: BUSY_TRANSITION_MS });

    // Tries at 0, 1, 3, 7 and 15 s: still busy at each.
    const report = await runOnce(h, 1_000);

    expect(lines(report)).toEqual([`${r0} create failed`]);
    const [target] = targetsOf(report);
    expect(target?.error?.code).toBe(fx.busyCode);
    expect(target?.reason).toBe('resource still busy after 5 attempts');
    expect((await h.stats())[fx.createApi]?.calls).toBe(5);
  });
});

describe.each(BACKUP_KINDS)('a role that may list $kind resources but not back them up', (fx) => {
  it.concurrent('stops the policy after its first create instead of trying every resource', async () => {
    const h = await pool.start({ seed: fx.seed() });
    const file = h.policy(policyFileYaml(policyYaml(fx, { select: { all: true } })));
    await h.faults({ errorRate: 1, errorCodes: [fx.deniedCode], actions: [fx.createApi] });

    const report = await h.run(file, { now: NOW });

    expect((await h.stats())[fx.createApi]?.calls).toBe(1);
    const targets = targetsOf(report);
    expect(targets).toHaveLength(4);
    const [failed, ...rest] = [...targets].sort((a, b) => a.outcome.localeCompare(b.outcome));
    expect(failed).toMatchObject({ action: 'create', outcome: 'failed', error: { code: fx.deniedCode } });
    for (const target of rest) {
      expect(target).toMatchObject({ action: 'create', outcome: 'skipped' });
      expect(target.reason).toBe(`not attempted: authentication failed (${fx.deniedCode})`);
    }
    expect(fx.backupsIn(await h.state())).toEqual([]);
  });
});

describe('a key the clouds refuse', () => {
  it('stops each policy after its first call instead of trying every resource', async () => {
    const seed = mergeSeeds(...BACKUP_KINDS.map((fx) => fx.seed()), TKE_SEED);
    const h = await pool.start({ seed });
    const file = h.policy(
      policyFileYaml(
        ...BACKUP_KINDS.map((fx) => policyYaml(fx, { name: fx.kind, select: { all: true } })),
        tkePolicyYaml(TKE_REPOSITORIES).replace(/^version: 1\npolicies:\n/, ''),
      ),
    );
    const env = { ...h.env, TENCENTCLOUD_SECRETKEY: 'not-the-key', HUAWEICLOUD_SDK_SK: 'not-the-key' };

    const report = await h.run(file, { now: NOW, env });

    expect(report.status).toBe('failed');
    expect(report.policies.map((p) => [p.name, p.error?.code])).toEqual([
      ['cbs-disk', 'AuthFailure.SignatureFailure'],
      ['cdb-mysql', 'AuthFailure.SignatureFailure'],
      ['dws-cluster', 'APIGW.0301'],
      ['gaussdb-mysql', 'APIGW.0301'],
      ['cbs-snapshot', 'AuthFailure.SignatureFailure'],
      ['tke-repos', 'AuthFailure.SignatureFailure'],
    ]);
    expect(report.policies.every((p) => p.targets.length === 0)).toBe(true);
    expect(await h.stats()).toEqual({
      // cbs-disk's and cbs-snapshot's policies each stop after their first call.
      'cbs.DescribeDisks': { calls: 2, throttled: 0, authFailed: 2, faulted: 0 },
      'cdb.DescribeDBInstances': { calls: 1, throttled: 0, authFailed: 1, faulted: 0 },
      'dws.ListClusters': { calls: 1, throttled: 0, authFailed: 1, faulted: 0 },
      'gaussdb.ListGaussMySqlInstancesUnifyStatus': { calls: 1, throttled: 0, authFailed: 1, faulted: 0 },
      'tke.DescribeBackupStorageLocations': { calls: 1, throttled: 0, authFailed: 1, faulted: 0 },
    });
  });
});
