import { describe, expect, it } from 'vitest';
import { DB_BILLING, DB_ORDERS, DB_ORDERS_TEST, errorOf, gauss, makeCloud } from './huawei-fixture';

const ids = (q: string): string[] =>
  makeCloud()
    .call('GET', gauss(`/instances${q}`))
    .body.instances.map((i: { id: string }) => i.id);

describe('GaussDB ListGaussMySqlInstances', () => {
  it('lists every instance with the documented fields and total_count', () => {
    const { instances, total_count } = makeCloud().call('GET', gauss('/instances')).body;
    expect(total_count).toBe(3);
    expect(instances[0]).toMatchObject({
      id: DB_ORDERS,
      name: 'orders-db',
      status: 'ACTIVE',
      type: 'Cluster',
      region: 'cn-north-4',
      datastore: { type: 'gaussdb-mysql', version: '8.0' },
      tags: [
        { key: 'backup', value: 'nightly' },
        { key: 'env', value: 'prod' },
      ],
    });
    expect(instances[0].created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0800$/);
    expect(instances[2].tags).toEqual([]);
  });

  it('matches id and name exactly, or as a substring when the value starts with *', () => {
    expect(ids(`?id=${DB_BILLING}`)).toEqual([DB_BILLING]);
    expect(ids('?id=27033b')).toEqual([]);
    expect(ids('?id=*7033b125')).toEqual([DB_ORDERS, DB_ORDERS_TEST, DB_BILLING]);
    expect(ids('?name=orders-db')).toEqual([DB_ORDERS]);
    expect(ids('?name=*orders')).toEqual([DB_ORDERS, DB_ORDERS_TEST]);
    expect(ids('?name=*-test&id=*ain07')).toEqual([DB_ORDERS_TEST]);
  });

  it('filters by tags: key=value pairs, comma-separated, ANDed', () => {
    expect(ids('?tags=backup%3Dnightly')).toEqual([DB_ORDERS, DB_ORDERS_TEST]);
    expect(ids('?tags=backup=nightly,env=prod')).toEqual([DB_ORDERS]);
    expect(ids('?tags=backup=nightly,env=staging')).toEqual([]);
    expect(ids('?tags=backup=NIGHTLY')).toEqual([]);
  });

  it('filters by vpc_id and private_ip against what it lists', () => {
    const first = makeCloud().call('GET', gauss('/instances')).body.instances[0];
    expect(ids(`?vpc_id=${first.vpc_id}`)).toEqual([DB_ORDERS]);
    expect(ids(`?private_ip=${first.private_ips[0]}`)).toEqual([DB_ORDERS]);
    expect(ids('?proxy_ip=10.0.0.1')).toEqual([]);
  });

  it('pages with offset and limit; total_count counts every match', () => {
    const body = makeCloud().call('GET', gauss('/instances?offset=1&limit=1')).body;
    expect(body.instances.map((i: { id: string }) => i.id)).toEqual([DB_ORDERS_TEST]);
    expect(body.total_count).toBe(3);
  });

  it.each([
    'id=*',
    'name=*',
    'tags=backup',
    'tags==nightly',
    'tags=env=prod,env=test',
    'tags=',
    'limit=0',
    'limit=101',
    'offset=-2',
    'type=Single',
    'datastore_type=mysql',
  ])('refuses %s with 400 DBS.200001', (q) => {
    expect(errorOf(makeCloud().call('GET', gauss(`/instances?${q}`)))).toEqual([400, 'DBS.200001']);
  });

  it('accepts the only documented values of type and datastore_type', () => {
    expect(ids('?type=Cluster&datastore_type=gaussdb-mysql')).toHaveLength(3);
  });
});
