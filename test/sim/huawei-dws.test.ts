import { describe, expect, it } from 'vitest';
import { CLUSTER_DEV, CLUSTER_PROD, TRANSITION_MS, dws, errorOf, makeCloud } from './huawei-fixture';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DWS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function create(call: ReturnType<typeof makeCloud>['call'], snapshot: Record<string, unknown>) {
  return call('POST', dws('/snapshots'), { snapshot: { cluster_id: CLUSTER_PROD, ...snapshot } });
}

describe('DWS CreateSnapshot', () => {
  it('answers 200 with the new id and lists it CREATING, then AVAILABLE after transitionMs', () => {
    const { call, advance } = makeCloud();
    const created = create(call, { name: 'snapshot-3', description: 'Snapshot-3 description' });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body.snapshot)).toEqual(['id']);
    const id = created.body.snapshot.id;
    expect(id).toMatch(UUID);

    const shown = call('GET', dws(`/snapshots/${id}`)).body.snapshot;
    expect(shown).toMatchObject({
      id,
      name: 'snapshot-3',
      status: 'CREATING',
      type: 'MANUAL',
      cluster_id: CLUSTER_PROD,
    });
    expect(shown).toMatchObject({
      started: '2026-11-24T18:00:00Z',
      finished: null,
      description: 'Snapshot-3 description',
    });
    expect(call('GET', dws('/clusters')).body.clusters[0].task_status).toBe('SNAPSHOTTING');

    advance(TRANSITION_MS - 1);
    expect(call('GET', dws(`/snapshots/${id}`)).body.snapshot.status).toBe('CREATING');
    advance(1);
    const done = call('GET', dws(`/snapshots/${id}`)).body.snapshot;
    expect(done).toMatchObject({ status: 'AVAILABLE', finished: '2026-11-24T18:01:00Z' });
    expect(done.size).toBeGreaterThan(0);
    expect(call('GET', dws('/clusters')).body.clusters[0].task_status).toBeNull();
  });

  it.each<[unknown, string]>([
    ['abc', 'too short'],
    ['a'.repeat(65), 'too long'],
    ['1snapshot', 'starts with a digit'],
    ['_snapshot', 'starts with an underscore'],
    ['snap.shot', 'has a dot'],
    ['snap shot', 'has a space'],
    ['快照快照', 'is Chinese'],
    [42, 'is not a string'],
    [undefined, 'is missing'],
  ])('refuses the name %j (%s) with 400 DWS.0001', (name) => {
    expect(errorOf(create(makeCloud().call, { name }))).toEqual([400, 'DWS.0001']);
  });

  it('accepts names of 4 and of 64 characters with digits, - and _', () => {
    const { call, advance } = makeCloud();
    expect(create(call, { name: 'a_-1' }).status).toBe(200);
    advance(TRANSITION_MS);
    expect(create(call, { name: `Z${'x_-9'.repeat(15)}abc` }).status).toBe(200);
  });

  it('refuses a name already used by any snapshot, compared case-insensitively', () => {
    const { call } = makeCloud();
    const clash = call('POST', dws('/snapshots'), {
      snapshot: { name: 'SCFB-Lookalike-1', cluster_id: CLUSTER_DEV },
    });
    expect(errorOf(clash)).toEqual([400, 'DWS.0001']);
  });

  it.each([...`!<>'=&"`].map((c) => [c]))('refuses a description containing %s', (c) => {
    expect(errorOf(create(makeCloud().call, { name: 'snap-1', description: `nightly ${c} run` }))).toEqual([
      400,
      'DWS.0001',
    ]);
  });

  it('takes descriptions up to 256 characters, null as empty, and refuses 257', () => {
    const { call, advance } = makeCloud();
    expect(create(call, { name: 'snap-1', description: 'd'.repeat(256) }).status).toBe(200);
    advance(TRANSITION_MS);
    expect(create(call, { name: 'snap-2', description: null }).status).toBe(200);
    advance(TRANSITION_MS);
    expect(errorOf(create(call, { name: 'snap-3', description: 'd'.repeat(257) }))).toEqual([
      400,
      'DWS.0001',
    ]);
  });

  it('answers DWS.0006 for an empty request and DWS.0001 for a malformed one', () => {
    const { call } = makeCloud();
    expect(errorOf(call('POST', dws('/snapshots')))).toEqual([400, 'DWS.0006']);
    expect(errorOf(call('POST', dws('/snapshots'), {}))).toEqual([400, 'DWS.0006']);
    expect(errorOf(call('POST', dws('/snapshots'), { snapshot: 'snap-1' }))).toEqual([400, 'DWS.0001']);
    expect(errorOf(call('POST', dws('/snapshots'), { name: 'snap-1' }))).toEqual([400, 'DWS.0001']);
    expect(errorOf(call('POST', dws('/snapshots'), { snapshot: { name: 'snap-1' } }))).toEqual([
      400,
      'DWS.0001',
    ]);
  });

  it('answers 403 DWS.0015 for an unknown cluster', () => {
    const result = create(makeCloud().call, { name: 'snap-1', cluster_id: 'no-such-cluster' });
    expect(errorOf(result)).toEqual([403, 'DWS.0015']);
  });

  it('answers 409 DWS.0011 while the cluster is snapshotting, and only for that cluster', () => {
    const { call, advance } = makeCloud();
    expect(create(call, { name: 'snap-1' }).status).toBe(200);
    expect(errorOf(create(call, { name: 'snap-2' }))).toEqual([409, 'DWS.0011']);
    expect(create(call, { name: 'snap-3', cluster_id: CLUSTER_DEV }).status).toBe(200);
    advance(TRANSITION_MS);
    expect(create(call, { name: 'snap-2' }).status).toBe(200);
  });
});

describe('DWS ListSnapshots and ListSnapshotDetails', () => {
  it('lists every snapshot, newest first, with the documented fields and count', () => {
    const { call } = makeCloud();
    create(call, { name: 'snap-new' });
    const { snapshots, count } = call('GET', dws('/snapshots')).body;
    expect(count).toBe(3);
    expect(snapshots.map((s: { name: string }) => s.name)).toEqual([
      'snap-new',
      'scfb-lookalike-1',
      'auto-20261120',
    ]);
    for (const s of snapshots) {
      expect(s.started).toMatch(DWS_TIME);
      for (const field of ['id', 'name', 'description', 'finished', 'size', 'status', 'type', 'cluster_id']) {
        expect(s).toHaveProperty(field);
      }
    }
    expect(snapshots[2]).toMatchObject({ type: 'AUTO', status: 'AVAILABLE', cluster_name: 'dw-prod' });
  });

  it('ignores query parameters: the API has no paging or filters', () => {
    const { call } = makeCloud();
    expect(call('GET', dws(`/snapshots?limit=1&cluster_id=${CLUSTER_DEV}`)).body.count).toBe(2);
  });

  it('answers 403 DWS.0015 for an unknown snapshot id', () => {
    expect(errorOf(makeCloud().call('GET', dws('/snapshots/nope')))).toEqual([403, 'DWS.0015']);
  });
});

describe('DWS DeleteSnapshot', () => {
  it('answers 202 with no body and the snapshot is gone', () => {
    const { call } = makeCloud();
    const id = call('GET', dws('/snapshots')).body.snapshots[0].id;
    expect(call('DELETE', dws(`/snapshots/${id}`))).toEqual({ status: 202 });
    expect(errorOf(call('GET', dws(`/snapshots/${id}`)))).toEqual([403, 'DWS.0015']);
    expect(errorOf(call('DELETE', dws(`/snapshots/${id}`)))).toEqual([403, 'DWS.0015']);
  });

  it('refuses an automated snapshot with 400 DWS.0001 and keeps it', () => {
    const { call } = makeCloud();
    const id = 'aaaaaaaa-0000-4000-8000-000000000001';
    expect(errorOf(call('DELETE', dws(`/snapshots/${id}`)))).toEqual([400, 'DWS.0001']);
    expect(call('GET', dws(`/snapshots/${id}`)).status).toBe(200);
  });

  it('refuses a snapshot still CREATING with 409 DWS.0011, and deletes it once AVAILABLE', () => {
    const { call, advance } = makeCloud();
    const id = create(call, { name: 'snap-1' }).body.snapshot.id;
    expect(errorOf(call('DELETE', dws(`/snapshots/${id}`)))).toEqual([409, 'DWS.0011']);
    advance(TRANSITION_MS);
    expect(call('DELETE', dws(`/snapshots/${id}`)).status).toBe(202);
  });
});
