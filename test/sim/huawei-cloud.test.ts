import { describe, expect, it } from 'vitest';
import { DEFAULT_HUAWEI_PROJECT_ID, createHuaweiSimCloud } from '../../sim/huawei';
import { formatGaussTime, parseOffsetTime } from '../../sim/huawei/format';
import {
  CLUSTER_PROD,
  DB_ORDERS,
  PROJECT,
  TRANSITION_MS,
  errorOf,
  huaweiSeed,
  makeCloud,
} from './huawei-fixture';

const OTHER = 'ffffffffffffffffffffffffffffffff';

describe('createHuaweiSimCloud routes', () => {
  it('names its actions as the rate-limit table keys them', () => {
    const keys = makeCloud().cloud.routes.map((r) => `${r.service}.${r.action} ${r.method}`);
    expect(keys).toEqual([
      'dws.CreateSnapshot POST',
      'dws.ListSnapshots GET',
      'dws.ListSnapshotDetails GET',
      'dws.DeleteSnapshot DELETE',
      'dws.ListClusters GET',
      'dws.ListClusterSnapshots GET',
      'gaussdb.CreateGaussMySqlBackup POST',
      'gaussdb.ShowGaussMySqlBackupList GET',
      'gaussdb.DeleteGaussMySqlBackup DELETE',
      'gaussdb.ListGaussMySqlInstances GET',
      'gaussdb.ListGaussMySqlInstancesUnifyStatus GET',
      'iam.KeystoneListProjects GET',
    ]);
  });

  it('anchors every path, captures project_id, and allows a trailing slash', () => {
    const { cloud } = makeCloud();
    const find = (method: string, path: string) =>
      cloud.routes.filter((r) => r.method === method && r.path.test(path)).map((r) => r.action);
    expect(find('GET', `/v1.0/${PROJECT}/snapshots/`)).toEqual(['ListSnapshots']);
    expect(find('GET', `/v1.0/${PROJECT}/snapshots/abc`)).toEqual(['ListSnapshotDetails']);
    expect(find('POST', `/v3/${PROJECT}/backups/create`)).toEqual(['CreateGaussMySqlBackup']);
    expect(find('GET', `/v3/${PROJECT}/backups/create`)).toEqual([]);
    expect(find('GET', `/v2/${PROJECT}/snapshots`)).toEqual([]);
    expect(find('GET', `/x/v1.0/${PROJECT}/clusters`)).toEqual([]);
    expect(find('GET', `/v3/${PROJECT}/instances/extra`)).toEqual([]);
    const route = cloud.routes.find((r) => r.action === 'DeleteGaussMySqlBackup');
    expect(route?.path.exec(`/v3/${PROJECT}/backups/abcbr07`)?.groups).toEqual({
      project_id: PROJECT,
      backup_id: 'abcbr07',
    });
  });

  it('answers a path naming another project as each service does: 403 DWS.0015, 403 DBS.200010', () => {
    const { call } = makeCloud();
    expect(errorOf(call('GET', `/v1.0/${OTHER}/clusters`))).toEqual([403, 'DWS.0015']);
    expect(errorOf(call('GET', `/v3/${OTHER}/instances`))).toEqual([403, 'DBS.200010']);
    const body = { instance_id: DB_ORDERS, name: 'backup-1' };
    expect(errorOf(call('POST', `/v3/${OTHER}/backups/create`, body))).toEqual([403, 'DBS.200010']);
    expect(call('GET', '/v3/' + PROJECT + '/backups').body.total_count).toBe(3);
  });
});

describe('createHuaweiSimCloud seeding and snapshot()', () => {
  it('exposes the seeded project id, and a default one for a seed without a Huawei part', () => {
    expect(makeCloud().cloud.projectId).toBe(PROJECT);
    const empty = createHuaweiSimCloud(undefined, { transitionMs: 1 }, { now: () => 0 });
    expect(empty.projectId).toBe(DEFAULT_HUAWEI_PROJECT_ID);
    expect(empty.snapshot()).toMatchObject({
      dws: { clusters: [], snapshots: [] },
      gaussdb: { instances: [] },
    });
  });

  it('refuses a seeded backup of an unknown resource and an unreadable time', () => {
    const clock = { now: () => 0 };
    const orphan = {
      ...huaweiSeed(),
      dwsSnapshots: [{ clusterId: 'nope', name: 'x', started: '2026-01-01T00:00:00Z' }],
    };
    expect(() => createHuaweiSimCloud(orphan, { transitionMs: 1 }, clock)).toThrow(/unknown cluster/);
    const badTime = {
      ...huaweiSeed(),
      gaussdbBackups: [{ instanceId: DB_ORDERS, name: 'x', beginTime: 'yesterday' }],
    };
    expect(() => createHuaweiSimCloud(badTime, { transitionMs: 1 }, clock)).toThrow(/unreadable time/);
  });

  it('moves a seeded in-progress backup on from its own start time', () => {
    const seed = huaweiSeed();
    seed.dwsSnapshots = [
      { clusterId: CLUSTER_PROD, name: 'running', started: '2026-11-24T17:59:30Z', status: 'CREATING' },
    ];
    const { call, advance } = makeCloud(seed);
    const create = () =>
      call('POST', `/v1.0/${PROJECT}/snapshots`, { snapshot: { name: 'snap-1', cluster_id: CLUSTER_PROD } });
    expect(errorOf(create())).toEqual([409, 'DWS.0011']);
    advance(TRANSITION_MS / 2);
    expect(create().status).toBe(200);
  });

  it('is plain JSON of every resource and backup with current statuses, and ids are reproducible', () => {
    const first = makeCloud();
    const second = makeCloud();
    for (const { call } of [first, second]) {
      call('POST', `/v3/${PROJECT}/backups/create`, { instance_id: DB_ORDERS, name: 'backup-1' });
    }
    const state = first.cloud.snapshot() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.dws.clusters).toHaveLength(2);
    expect(state.dws.snapshots).toHaveLength(2);
    expect(state.gaussdb.instances).toHaveLength(3);
    expect(state.gaussdb.backups.at(-1)).toMatchObject({ name: 'backup-1', status: 'BUILDING' });
    first.advance(TRANSITION_MS);
    expect((first.cloud.snapshot() as typeof state).gaussdb.backups.at(-1).status).toBe('COMPLETED');
    expect(second.cloud.snapshot()).toEqual(state);
  });
});

describe('GaussDB time text', () => {
  it('prints +0800 and reads Z, +hhmm and +hh:mm offsets', () => {
    expect(formatGaussTime(Date.UTC(2020, 6, 6, 17, 17, 5))).toBe('2020-07-07T01:17:05+0800');
    const ms = Date.UTC(2020, 6, 6, 2, 41, 14);
    for (const text of ['2020-07-06T10:41:14+0800', '2020-07-06T10:41:14+08:00', '2020-07-06T02:41:14Z']) {
      expect(parseOffsetTime(text)).toBe(ms);
    }
    expect(parseOffsetTime('2020-07-06T05:41:14-0300')).toBe(Date.UTC(2020, 6, 6, 8, 41, 14));
    for (const bad of ['2020-07-06 10:41:14+0800', '2020-02-30T00:00:00Z', '2020-07-06T10:41:14']) {
      expect(parseOffsetTime(bad)).toBeUndefined();
    }
  });
});
