/**
 * Every Huawei API the simulator serves, through real HTTP with requests signed by the official
 * AKSKSigner (test/sim/huawei-signed.ts): the documented statuses and shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_DEV, CLUSTER_PROD, DB_ORDERS, DB_ORDERS_TEST, PROJECT } from './huawei-fixture';
import { startHuaweiSim } from './huawei-signed';

const TRANSITION_MS = 1000;
let fixture: Awaited<ReturnType<typeof startHuaweiSim>>;
beforeAll(async () => {
  fixture = await startHuaweiSim(TRANSITION_MS);
});
afterAll(() => fixture.sim.stop());

const call: typeof fixture.call = (...args) => fixture.call(...args);
const dwsPath = (rest: string): string => `/v1.0/${PROJECT}${rest}`;
const gaussPath = (rest: string): string => `/v3/${PROJECT}${rest}`;

describe('Huawei DWS over HTTP, signed by the official AKSKSigner', () => {
  it('creates (200), shows, lists, lists clusters and deletes (202) a snapshot', async () => {
    const created = await call('POST', dwsPath('/snapshots'), {
      body: {
        snapshot: { name: 'snapshot-3', cluster_id: CLUSTER_DEV, description: 'Snapshot-3 description' },
      },
    });
    expect(created.status).toBe(200);
    expect(created.requestId).toBeTruthy();
    const id = created.body.snapshot.id as string;
    expect(created.body).toEqual({ snapshot: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });

    const clusters = await call('GET', dwsPath('/clusters'));
    expect(clusters.status).toBe(200);
    expect(clusters.body.count).toBe(2);
    expect(clusters.body.clusters[1]).toMatchObject({
      id: CLUSTER_DEV,
      status: 'ACTIVE',
      task_status: 'SNAPSHOTTING',
    });

    const busy = await call('POST', dwsPath('/snapshots'), {
      body: { snapshot: { name: 'snap-2', cluster_id: CLUSTER_DEV } },
    });
    expect([busy.status, busy.body.error_code]).toEqual([409, 'DWS.0011']);

    fixture.advance(TRANSITION_MS);
    const shown = await call('GET', dwsPath(`/snapshots/${id}`));
    expect(shown.status).toBe(200);
    expect(shown.body.snapshot).toMatchObject({
      id,
      name: 'snapshot-3',
      status: 'AVAILABLE',
      type: 'MANUAL',
    });

    const listed = await call('GET', dwsPath('/snapshots'));
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(3);
    expect(listed.body.snapshots.map((s: { id: string }) => s.id)).toContain(id);

    const deleted = await call('DELETE', dwsPath(`/snapshots/${id}`));
    expect([deleted.status, deleted.raw]).toEqual([202, '']);
    const gone = await call('GET', dwsPath(`/snapshots/${id}`));
    expect([gone.status, gone.body.error_code]).toEqual([403, 'DWS.0015']);
  });

  it('answers documented errors as {error_code, error_msg} with their statuses', async () => {
    const invalid = await call('POST', dwsPath('/snapshots'), {
      body: { snapshot: { name: 'x', cluster_id: CLUSTER_PROD } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      error_code: 'DWS.0001',
      error_msg:
        'Incorrect parameter: snapshot.name must be 4 to 64 letters, digits, - or _, starting with a letter',
    });
    const unknown = await call('POST', dwsPath('/snapshots'), {
      body: { snapshot: { name: 'snap-9', cluster_id: 'nope' } },
    });
    expect([unknown.status, unknown.body.error_code]).toEqual([403, 'DWS.0015']);
  });
});

describe('Huawei GaussDB(for MySQL) over HTTP, signed by the official AKSKSigner', () => {
  it('creates (201 with job_id), lists with filters, and deletes (200) a backup', async () => {
    const created = await call('POST', gaussPath('/backups/create'), {
      body: { instance_id: DB_ORDERS_TEST, name: '备份-nightly', description: 'Manual backup' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      backup: { name: '备份-nightly', status: 'BUILDING', type: 'manual', instance_id: DB_ORDERS_TEST },
      job_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    const id = created.body.backup.id as string;
    expect(id).toMatch(/^[0-9a-f]{32}br07$/);
    expect(created.body.backup.begin_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0800$/);

    const query = {
      instance_id: DB_ORDERS_TEST,
      backup_type: 'manual',
      begin_time: '2026-01-01T00:00:00+0800',
      limit: '10',
    };
    const listed = await call('GET', gaussPath('/backups'), { query });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total_count: 1, backups: [{ id, status: 'BUILDING' }] });

    const early = await call('DELETE', gaussPath(`/backups/${id}`));
    expect([early.status, early.body.error_code]).toEqual([400, 'DBS.200001']);
    fixture.advance(TRANSITION_MS);
    const deleted = await call('DELETE', gaussPath(`/backups/${id}`));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ backup_id: id, backup_name: '备份-nightly' });
  });

  it('lists instances filtered by tags, name and paging', async () => {
    const tagged = await call('GET', gaussPath('/instances'), { query: { tags: 'backup=nightly,env=prod' } });
    expect(tagged.status).toBe(200);
    expect(tagged.body).toMatchObject({
      total_count: 1,
      instances: [{ id: DB_ORDERS, status: 'ACTIVE', type: 'Cluster' }],
    });
    const fuzzy = await call('GET', gaussPath('/instances'), {
      query: { name: '*orders', offset: '1', limit: '1' },
    });
    expect(fuzzy.body.total_count).toBe(2);
    expect(fuzzy.body.instances).toHaveLength(1);
    const bad = await call('GET', gaussPath('/instances'), { query: { limit: '101' } });
    expect([bad.status, bad.body.error_code]).toEqual([400, 'DBS.200001']);
  });
});
