/**
 * The engine is handed its registry: here a fake kind, kept in memory, with no cloud and no
 * simulator behind it. The engine's rules hold for it as for the real kinds (the simulator
 * tests): one backup per slot and resource, a rerun skips, retention prunes only our own
 * backups beyond keepLast, and the kind's own quota codes trigger prune-then-retry.
 */
import { describe, expect, it } from 'vitest';
import { scopableClients } from '../../lib/cloud/scoped-clients';
import { CloudError } from '../../lib/errors/cloud-error';
import { runBackups } from '../../lib/engine/run';
import type { BackupPolicy, PolicyFile } from '../../lib/policy/schema';
import { backupKind } from '../../lib/targets/define';
import type { TargetReport } from '../../lib/engine/types';
import type { Backup, BackupTarget, FollowUpOptions, Registry } from '../../lib/targets/types';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-24T00:00:00Z');

interface FakeOptions {
  quotaFull?: () => boolean;
  /** Every create refused with this code. */
  createRefusal?: string;
  followUp?: (resourceId: string, options: FollowUpOptions) => Promise<TargetReport[]>;
}

function fakeKind(options: FakeOptions = {}) {
  const backups: Backup[] = [
    {
      id: 'b-foreign',
      name: 'made-by-hand',
      resourceId: 'vol-1',
      state: 'available',
      cloudState: 'OK',
      manual: true,
    },
  ];
  const calls: string[] = [];
  let next = 0;
  const target: BackupTarget = backupKind({
    mode: 'backup',
    kind: 'fake-volume',
    cloud: 'tencent',
    function: 'fake-backup',
    options: {},
    knownRegions: ['r1'],
    nameRule: { maxLength: 100, pattern: /^.{1,100}$/u },
    stuckAfterMs: HOUR,
    errors: { busy: [], notFound: [], quota: ['Fake.QuotaFull'] },
    listBatchSize: 10,
    responseFields: {},
    calls: {},
    async discover(_policy, region) {
      calls.push(`discover ${region}`);
      return ['vol-1', 'vol-2'].map((id) => ({ id, region, tags: {} }));
    },
    async listBackups(_policy, _region, resources) {
      const byId = new Map<string, Backup[]>();
      for (const r of resources)
        byId.set(
          r.id,
          backups.filter((b) => b.resourceId === r.id),
        );
      return byId;
    },
    async createBackup(_policy, resource, name) {
      calls.push(`create ${resource.id}`);
      if (options.createRefusal) {
        throw new CloudError({
          cloud: 'tencent',
          api: 'fake.Create',
          code: options.createRefusal,
          message: 'no',
        });
      }
      if (options.quotaFull?.()) {
        throw new CloudError({
          cloud: 'tencent',
          api: 'fake.Create',
          code: 'Fake.QuotaFull',
          message: 'full',
        });
      }
      const backupId = `b-${++next}`;
      backups.push({
        id: backupId,
        name,
        resourceId: resource.id,
        state: 'available',
        cloudState: 'OK',
        manual: true,
      });
      return { backupId };
    },
    async deleteBackup(_policy, _resource, backup) {
      calls.push(`delete ${backup.id}`);
      backups.splice(backups.indexOf(backup), 1);
      return {};
    },
    ...(options.followUp
      ? { followUp: (_policy, resource, _clients, run) => options.followUp!(resource.id, run) }
      : {}),
  });
  return { target, backups, calls, registry: { 'fake-volume': target } as Registry };
}

const policy = {
  kind: 'fake-volume',
  name: 'volumes',
  enabled: true,
  schedule: '0 0 * * * * *',
  timezone: 'UTC',
  catchUpMs: HOUR,
  alerts: [],
  regions: ['r1'],
  select: { ids: [], tags: {}, exclude: [], all: true },
  retention: { keepLast: 2, minKeep: 1 },
  maxAttempts: 3,
} as unknown as BackupPolicy;
const file: PolicyFile = {
  version: 1,
  alerts: {},
  protection: { digestHour: 9, timerPeriodMs: 15 * 60_000 },
  policies: [policy],
};
const unusedClouds = scopableClients({
  tencent: () => {
    throw new Error('the fake kind calls no cloud');
  },
  huawei: () => {
    throw new Error('the fake kind calls no cloud');
  },
});

function runAt(registry: Registry, at: number, dryRun = false) {
  return runBackups({
    registry,
    file,
    clients: unusedClouds,
    request: { trigger: 'cli', dryRun, force: false, now: new Date(at) },
    sleep: async () => {},
  });
}

describe('the engine with a fake registry', () => {
  it('makes one backup per resource and slot, skips on a rerun, and prunes only its own beyond keepLast', async () => {
    const fake = fakeKind();
    expect((await runAt(fake.registry, START + 60_000)).totals).toMatchObject({
      created: 2,
      skipped: 0,
      pruned: 0,
      failed: 0,
    });
    expect((await runAt(fake.registry, START + 120_000)).totals).toMatchObject({
      created: 0,
      skipped: 2,
      pruned: 0,
      failed: 0,
    });
    await runAt(fake.registry, START + HOUR + 60_000);
    const third = await runAt(fake.registry, START + 2 * HOUR + 60_000);
    expect(third.totals).toMatchObject({ created: 2, skipped: 0, pruned: 2, failed: 0 });
    const ours = fake.backups.filter((b) => b.name !== 'made-by-hand');
    expect(ours).toHaveLength(4);
    expect(fake.backups.map((b) => b.id)).toContain('b-foreign');
    expect(fake.calls.filter((c) => c.startsWith('delete'))).toEqual(['delete b-1', 'delete b-2']);
  });

  it("reads a full quota from the kind's own codes: prunes what retention lets go, then creates again", async () => {
    let refusals = 0;
    const fake = fakeKind({ quotaFull: () => refusals-- > 0 });
    await runAt(fake.registry, START + 60_000);
    await runAt(fake.registry, START + HOUR + 60_000);
    refusals = 1; // the next create is refused once for a full quota
    const report = await runAt(fake.registry, START + 2 * HOUR + 60_000);
    expect(report.totals.failed).toBe(0);
    expect(report.totals.created).toBe(2);
    expect(fake.calls.filter((c) => c === 'create vol-1' || c === 'create vol-2')).toHaveLength(7);
  });

  it('refuses a policy whose kind the registry does not have', async () => {
    await expect(runAt({}, START + 60_000)).rejects.toThrow("unknown kind 'fake-volume'");
  });
});

describe("a kind's follow-up (BackupTarget.followUp) in the engine", () => {
  const copyRow = (resourceId: string): TargetReport => ({
    provider: 'tencent',
    region: 'r2',
    resourceId,
    action: 'create',
    outcome: 'done',
    reason: 'copy',
  });

  it("runs after each resource's create and prune, with the run's instant and dry-run flag; its rows join the report", async () => {
    const seen: string[] = [];
    const fake = fakeKind({
      followUp: async (id, run) => {
        seen.push(`${id} ${run.dryRun} ${run.now.toISOString()} after ${fake.calls.length} calls`);
        return [copyRow(id)];
      },
    });
    const at = START + 60_000;
    const report = await runAt(fake.registry, at);
    const rows = report.policies[0]!.targets;
    expect(rows.filter((r) => r.reason === 'copy').map((r) => r.resourceId)).toEqual(['vol-1', 'vol-2']);
    expect(report.totals.created).toBe(4);
    expect(seen.map((s) => s.split(' after ')[0]).sort()).toEqual([
      `vol-1 false ${new Date(at).toISOString()}`,
      `vol-2 false ${new Date(at).toISOString()}`,
    ]);
    await runAt(fake.registry, at + HOUR, true);
    expect(seen.slice(2).every((s) => s.includes(' true '))).toBe(true);
  });

  it('reports a follow-up that throws as a failure of that resource only', async () => {
    const fake = fakeKind({
      followUp: async (id) => {
        if (id === 'vol-1')
          throw new CloudError({ cloud: 'tencent', api: 'fake.Copy', code: 'Fake.Broken', message: 'x' });
        return [copyRow(id)];
      },
    });
    const report = await runAt(fake.registry, START + 60_000);
    const failed = report.policies[0]!.targets.filter((r) => r.outcome === 'failed');
    expect(failed).toMatchObject([
      { resourceId: 'vol-1', reason: 'follow-up of its backups failed', error: { code: 'Fake.Broken' } },
    ]);
    expect(report.totals.created).toBe(3);
  });

  it('never starts once the policy has stopped (its creates refused for authentication)', async () => {
    const followed: string[] = [];
    const fake = fakeKind({
      createRefusal: 'AuthFailure.UnauthorizedOperation',
      followUp: async (id) => {
        followed.push(id);
        return [];
      },
    });
    const report = await runAt(fake.registry, START + 60_000);
    expect(report.totals.created).toBe(0);
    expect(followed).toEqual([]);
  });
});
