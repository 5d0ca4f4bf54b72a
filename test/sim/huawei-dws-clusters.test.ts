import { describe, expect, it } from 'vitest';
import { CLUSTER_DEV, CLUSTER_PROD, TRANSITION_MS, dws, errorOf, makeCloud, PROJECT } from './huawei-fixture';

describe('DWS ListClusters', () => {
  it('lists every cluster ACTIVE with tags as {key, value} pairs and the documented fields', () => {
    const { clusters, count } = makeCloud().call('GET', dws('/clusters')).body;
    expect(count).toBe(2);
    expect(clusters[0]).toMatchObject({
      id: CLUSTER_PROD,
      name: 'dw-prod',
      status: 'ACTIVE',
      sub_status: 'NORMAL',
      task_status: null,
      tags: [
        { key: 'backup', value: 'nightly' },
        { key: 'env', value: 'prod' },
      ],
      availability_zone: 'cn-north-4a',
    });
    expect(clusters[1]).toMatchObject({ id: CLUSTER_DEV, tags: [] });
    for (const field of ['created', 'updated'])
      expect(clusters[0][field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('has no tag filter: a tag query still lists every cluster', () => {
    expect(makeCloud().call('GET', dws('/clusters?tags=env%3Dprod')).body.count).toBe(2);
  });

  it('shows SNAPSHOTTING only on the cluster with a snapshot in progress, and only until it is done', () => {
    const { call, advance } = makeCloud();
    call('POST', dws('/snapshots'), { snapshot: { name: 'snap-1', cluster_id: CLUSTER_DEV } });
    const during = call('GET', dws('/clusters')).body.clusters;
    expect(during.map((c: { task_status: unknown }) => c.task_status)).toEqual([null, 'SNAPSHOTTING']);
    expect(during[1].action_progress).toHaveProperty('SNAPSHOTTING');
    advance(TRANSITION_MS);
    expect(call('GET', dws('/clusters')).body.clusters[1]).toMatchObject({
      task_status: null,
      action_progress: {},
    });
  });
});

describe('DWS per-cluster snapshot list (GET /clusters/{id}/snapshots)', () => {
  function seeded() {
    const fixture = makeCloud();
    for (const name of ['b-snap', 'c-snap', 'a-snap']) {
      fixture.call('POST', dws('/snapshots'), { snapshot: { name, cluster_id: CLUSTER_DEV } });
      fixture.advance(TRANSITION_MS);
    }
    return fixture;
  }
  const names = (body: { snapshots: Array<{ name: string }> }): string[] => body.snapshots.map((s) => s.name);

  it('lists only that cluster, newest first by default, with count, project_id and cluster_id', () => {
    const body = seeded().call('GET', dws(`/clusters/${CLUSTER_DEV}/snapshots`)).body;
    expect(names(body)).toEqual(['a-snap', 'c-snap', 'b-snap']);
    expect(body).toMatchObject({ count: 3, cluster_id: CLUSTER_DEV, project_id: PROJECT });
  });

  it('pages with limit and offset and sorts by name either way', () => {
    const { call } = seeded();
    const path = dws(`/clusters/${CLUSTER_DEV}/snapshots`);
    expect(names(call('GET', `${path}?sort_key=name&sort_dir=asc&limit=2`).body)).toEqual([
      'a-snap',
      'b-snap',
    ]);
    const second = call('GET', `${path}?sort_key=name&sort_dir=desc&limit=2&offset=2`).body;
    expect(names(second)).toEqual(['a-snap']);
    expect(second.count).toBe(3);
  });

  it.each(['limit=0', 'limit=x', 'offset=-1', 'sort_key=size', 'sort_dir=up'])(
    'refuses %s with 400 DWS.0001',
    (q) => {
      expect(errorOf(makeCloud().call('GET', dws(`/clusters/${CLUSTER_DEV}/snapshots?${q}`)))).toEqual([
        400,
        'DWS.0001',
      ]);
    },
  );

  it('answers 403 DWS.0015 for an unknown cluster', () => {
    expect(errorOf(makeCloud().call('GET', dws('/clusters/nope/snapshots')))).toEqual([403, 'DWS.0015']);
  });
});
