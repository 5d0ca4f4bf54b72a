/**
 * Issue 10 through the real engine and clients, against the simulator over HTTP: Huawei policies
 * over two regions with different projects (ids mapped, or discovered through IAM, or mapped
 * wrongly), a CBS policy in a finance region, and CDB tag selection over read-only and DR
 * instances. Seed: test/fixtures/seeds/regions-and-projects.yaml.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DAILY, NOW, SLOT, daysAfter, ourName } from '../helpers/backup-kinds';
import { lines, targetsOf } from '../helpers/report-lines';
import { harnessPool } from '../helpers/sim-harness';

const SEED = 'test/fixtures/seeds/regions-and-projects.yaml';
const NORTH = '0123456789abcdef0123456789abcdef';
const EAST = 'fedcba9876543210fedcba9876543210';
const pool = harnessPool();
afterAll(() => pool.stopAll());

function huaweiPolicies(projectIds: string): string {
  return `version: 1
policies:
${['dws-cluster', 'gaussdb-mysql']
  .map(
    (kind) => `  - name: ${kind.split('-')[0]}-nightly
    kind: ${kind}
    schedule: '${DAILY}'
    catchUp: 1d
    regions: [cn-north-4, cn-east-3]
${projectIds}    select: { tags: { backup: nightly } }
    retention: { keepLast: 3 }`,
  )
  .join('\n')}
`;
}

const MAPPED = `    projectIds: { cn-north-4: ${NORTH}, cn-east-3: ${EAST} }\n`;
const SWAPPED = `    projectIds: { cn-north-4: ${EAST}, cn-east-3: ${NORTH} }\n`;

describe.concurrent('Huawei policies over two regions', () => {
  it('back up in both regions with the project ids given as a map', async () => {
    const h = await pool.start({ seed: SEED });
    const report = await h.run(h.policy(huaweiPolicies(MAPPED)), { now: NOW });
    expect(
      targetsOf(report)
        .map((t) => [t.resourceId, t.region, t.action, t.outcome])
        .sort(),
    ).toEqual([
      ['090baedcebae93b258f7b9379c8c9a3din07', 'cn-north-4', 'create', 'done'],
      ['468660a2-c8ca-4f66-a4f7-02e3e3f05cef', 'cn-north-4', 'create', 'done'],
      ['5d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5ain07', 'cn-east-3', 'create', 'done'],
      // The east cluster in another enterprise project is listed too (all_granted_eps).
      ['7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 'cn-east-3', 'create', 'done'],
      ['9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6', 'cn-east-3', 'create', 'done'],
    ]);
    const state = (await h.state()).huawei;
    expect(state.dws.snapshots.filter((s) => s.type === 'MANUAL')).toHaveLength(3);
    expect(state.gaussdb.backups).toHaveLength(2);
    expect((await h.stats())['iam.KeystoneListProjects']).toBeUndefined();
  });

  it('back up in both regions with the ids discovered through IAM, once per region', async () => {
    const h = await pool.start({ seed: SEED });
    expect(h.env.HUAWEICLOUD_SDK_PROJECT_ID).toBeUndefined();
    const report = await h.run(h.policy(huaweiPolicies('')), { now: NOW });
    expect(lines(report).filter((l) => l.endsWith('create done'))).toHaveLength(5);
    expect(report.totals.failed).toBe(0);
    // Two policies × two regions, each listing and creating: still one discovery per region.
    expect((await h.stats())['iam.KeystoneListProjects']?.calls).toBe(2);
  });

  it("fail with the cloud's code when the map is wrong, and create nothing", async () => {
    const h = await pool.start({ seed: SEED });
    const report = await h.run(h.policy(huaweiPolicies(SWAPPED)), { now: NOW });
    expect(report.status).toBe('failed');
    for (const policy of report.policies) expect(policy.error?.code, policy.name).toBe('APIGW.0301');
    const state = (await h.state()).huawei;
    expect(state.dws.snapshots).toHaveLength(0);
    expect(state.gaussdb.backups).toHaveLength(0);
  });
});

describe('Huawei project discovery', () => {
  it('fails a region the account has no project in with the reason, and calls IAM for it once', async () => {
    const h = await pool.start({ seed: SEED });
    const file = h.policy(`version: 1
policies:
  - name: dws-south
    kind: dws-cluster
    schedule: '${DAILY}'
    catchUp: 1d
    regions: [cn-south-1]
    select: { tags: { backup: nightly } }
    retention: { keepLast: 3 }
`);
    const report = await h.run(file, { now: NOW });
    const [policy] = report.policies;
    expect(policy?.error?.code).toBe('ProjectDiscoveryFailed');
    expect(policy?.error?.message).toContain('no Huawei project named cn-south-1 in this account');
    const stats = await h.stats();
    expect(stats['iam.KeystoneListProjects']?.calls).toBe(1);
    expect(stats['dws.ListClusters']).toBeUndefined();
  });
});

describe.concurrent('Tencent regions', () => {
  it('backs up a cbs-disk policy over ap-shanghai-fsi through the finance host', async () => {
    const h = await pool.start({ seed: SEED });
    const file = h.policy(`version: 1
policies:
  - name: fsi-disks
    kind: cbs-disk
    schedule: '${DAILY}'
    catchUp: 1d
    regions: [ap-shanghai-fsi]
    select: { tags: { backup: nightly } }
    retention: { keepLast: 3 }
`);
    const report = await h.run(file, { now: NOW });
    expect(lines(report)).toEqual(['disk-f001 create done']);
    const backups = (await h.state()).tencent.diskBackups;
    expect(backups.map((b) => b.DiskId)).toEqual(['disk-f001']);
  });

  it('backs up only the primary CDB instance of a tag selection, and reports a read-only one named by id', async () => {
    const h = await pool.start({ seed: SEED });
    const policy = (select: string) =>
      h.policy(`version: 1
policies:
  - name: cdb-nightly
    kind: cdb-mysql
    schedule: '${DAILY}'
    catchUp: 1d
    regions: [ap-guangzhou]
    select: ${select}
    retention: { keepLast: 3 }
    options: { method: physical }
`);
    const byTag = await h.run(policy('{ tags: { backup: nightly } }'), { now: NOW });
    expect(lines(byTag)).toEqual(['cdb-0001 create done']);
    expect(
      (await h.state()).tencent.mysqlBackups.filter((b) => b.Way === 'manual').map((b) => b.InstanceId),
    ).toEqual(['cdb-0001']);

    const byId = await h.run(policy('{ ids: [cdb-ro01] }'), { now: NOW, force: true });
    const [target] = targetsOf(byId);
    expect(target).toMatchObject({ resourceId: 'cdb-ro01', action: 'create', outcome: 'failed' });
    expect(target?.reason).toContain('read-only instance');
    expect(target?.error?.code).toBe('NotAPrimaryInstance');
  });
});

describe('CBS backup points in use', () => {
  it('never prunes a ROLLBACKING backup point, however old', async () => {
    const old = (days: number) => daysAfter(SLOT, -days);
    const backup = (days: number, state?: string) => ({
      id: `dbp-old${days}`,
      diskId: 'disk-0001',
      name: ourName('gz-disks', old(days), 'disk-0001'),
      createTime: old(days).toISOString(),
      ...(state ? { state } : {}),
    });
    const h = await pool.start({
      seed: {
        tencent: {
          disks: [{ id: 'disk-0001', region: 'ap-guangzhou', tags: { backup: 'nightly' } }],
          diskBackups: [backup(3, 'ROLLBACKING'), backup(2), backup(1)],
        },
      },
    });
    const report = await h.run(
      h.policy(`version: 1
policies:
  - name: gz-disks
    kind: cbs-disk
    schedule: '${DAILY}'
    catchUp: 1d
    regions: [ap-guangzhou]
    select: { tags: { backup: nightly } }
    retention: { keepLast: 1 }
`),
      { now: NOW },
    );
    const pruned = targetsOf(report)
      .filter((t) => t.action === 'prune')
      .map((t) => [t.backupId, t.outcome]);
    // old1 stays as the completed floor (minKeep 1, the new one may still fail); old2 goes; old3,
    // the oldest, is being rolled back from and is never a candidate.
    expect(pruned).toEqual([['dbp-old2', 'done']]);
    const left = (await h.state()).tencent.diskBackups.map((b) => [b.DiskBackupId, b.DiskBackupState]);
    expect(left).toContainEqual(['dbp-old3', 'ROLLBACKING']);
  });
});
