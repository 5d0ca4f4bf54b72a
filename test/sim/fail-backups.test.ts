/**
 * The `failBackupsOf` fault (POST /_sim/faults): the named resources' next backups are accepted,
 * then end in their cloud's failed state — CDB and GaussDB `FAILED`, DWS `UNAVAILABLE`; a CBS
 * backup point, whose API has no failed state, disappears. The next run reports the failure and
 * tries again; `[]` and /_sim/reset clear the fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../lib/engine/types';
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { simAdmin } from '../helpers/sim-admin';

const DWS = '468660a2-c8ca-4f66-a4f7-02e3e3f05cef';
const GAUSS = '090baedcebae93b258f7b9379c8c9a3din07';
const FAILING = ['cdb-0001', DWS, GAUSS, 'disk-0001'];

interface State {
  tencent: {
    diskBackups: Array<{ DiskBackupId: string; DiskId: string; DiskBackupState: string }>;
    mysqlBackups: Array<{ BackupId: number; InstanceId: string; Status: string }>;
  };
  huawei: {
    dws: { snapshots: Array<{ id: string; cluster_id: string; status: string }> };
    gaussdb: { backups: Array<{ id: string; instance_id: string; status: string }> };
  };
}

/** Each failing resource's backups: id → state. */
function statesOf(state: State): Record<string, Record<string, string>> {
  const pick = <T>(items: T[], of: (t: T) => [string, string, string]) => {
    const out: Record<string, Record<string, string>> = Object.fromEntries(FAILING.map((id) => [id, {}]));
    for (const item of items) {
      const [resource, id, status] = of(item);
      if (out[resource]) out[resource][id] = status;
    }
    return out;
  };
  return {
    ...pick(state.tencent.diskBackups, (b) => [b.DiskId, b.DiskBackupId, b.DiskBackupState]),
    ...Object.fromEntries(
      Object.entries(
        pick(state.tencent.mysqlBackups, (b) => [b.InstanceId, String(b.BackupId), b.Status]),
      ).filter(([id]) => id === 'cdb-0001'),
    ),
    [DWS]: pick(state.huawei.dws.snapshots, (b) => [b.cluster_id, b.id, b.status])[DWS] ?? {},
    [GAUSS]: pick(state.huawei.gaussdb.backups, (b) => [b.instance_id, b.id, b.status])[GAUSS] ?? {},
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('failBackupsOf', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: EXAMPLE_SEED_PATH, transitionMs: 50 });
  });
  afterAll(() => sim?.stop());

  it("ends the named resources' backups in the failed state; the next run reports it and tries again", async () => {
    const admin = simAdmin<State>(sim.url);
    const seeded = statesOf(await admin.state()); // the example seed's own older backups
    /** The states of the backups made since the seed, per resource, sorted. */
    const added = (now: Record<string, Record<string, string>>) =>
      Object.fromEntries(
        Object.entries(now).map(([resource, byId]) => [
          resource,
          Object.entries(byId)
            .filter(([id]) => !(id in (seeded[resource] ?? {})))
            .map(([, status]) => status)
            .sort(),
        ]),
      );
    await admin.faults({ failBackupsOf: FAILING });
    const first = await cli(['run', '--sim', sim.url, '--json']);
    expect(first.code).toBe(0); // accepted: the cloud has not failed them yet
    await settle();
    expect(added(statesOf(await admin.state()))).toEqual({
      'disk-0001': [], // CBS has no failed state: the backup point is gone
      'cdb-0001': ['FAILED'],
      [DWS]: ['UNAVAILABLE'],
      [GAUSS]: ['FAILED'],
    });
    // Other resources' backups end well: none of them failed.
    const state = await admin.state();
    expect(state.tencent.mysqlBackups.filter((b) => b.Status === 'FAILED').map((b) => b.InstanceId)).toEqual([
      'cdb-0001',
    ]);

    await admin.faults({ failBackupsOf: [] });
    const second = JSON.parse((await cli(['run', '--sim', sim.url, '--json'])).stdout) as RunReport;
    const notices = second.policies.flatMap((p) => p.notices ?? []);
    // CBS shows nothing failed (the backup point is gone): the disk is simply backed up again.
    expect(notices.map((n) => `${n.kind} ${n.resourceId}`).sort()).toEqual(
      [`failed ${GAUSS}`, `failed ${DWS}`, 'failed cdb-0001'].sort(),
    );
    for (const n of notices)
      expect(n.message).toMatch(
        /backup failed after it was accepted: scfb-\S+ \((FAILED|UNAVAILABLE)\); trying again/,
      );
    const retried = second.policies.flatMap((p) => p.targets).filter((t) => FAILING.includes(t.resourceId));
    expect(retried.map((t) => `${t.action} ${t.outcome}`)).toEqual(FAILING.map(() => 'create done'));
    expect(
      retried.filter((t) => t.resourceId !== 'disk-0001').every((t) => /-2$/.test(t.backupName ?? '')),
    ).toBe(true);
    await settle();
    expect(added(statesOf(await admin.state()))).toEqual({
      'disk-0001': ['NORMAL'],
      'cdb-0001': ['FAILED', 'SUCCESS'],
      [DWS]: ['AVAILABLE', 'UNAVAILABLE'],
      [GAUSS]: ['COMPLETED', 'FAILED'],
    });
  });

  it('is cleared by /_sim/reset', async () => {
    sim.setFaults({ failBackupsOf: ['cdb-0001'] });
    sim.reset();
    expect(await simAdmin(sim.url).stats()).toEqual({});
    const response = await fetch(`${sim.url}/_sim/faults`);
    expect(await response.json()).toEqual({});
  });

  it('refuses a malformed list', async () => {
    const response = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      body: '{"failBackupsOf": "cdb-0001"}',
    });
    expect(response.status).toBe(400);
  });
});
