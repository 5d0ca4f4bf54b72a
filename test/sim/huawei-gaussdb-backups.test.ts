import { describe, expect, it } from 'vitest';
import {
  DB_BILLING,
  DB_ORDERS,
  DB_ORDERS_TEST,
  TRANSITION_MS,
  errorOf,
  gauss,
  makeCloud,
} from './huawei-fixture';

type Call = ReturnType<typeof makeCloud>['call'];
const create = (call: Call, body: Record<string, unknown>) =>
  call('POST', gauss('/backups/create'), { instance_id: DB_ORDERS_TEST, ...body });
const names = (call: Call, q = '') =>
  call('GET', gauss(`/backups${q}`)).body.backups.map((b: { name: string }) => b.name);
const HAN = '备';

describe('GaussDB CreateGaussMySqlBackup', () => {
  it('answers 201 with the documented backup object and a job_id', () => {
    const { call } = makeCloud();
    const result = create(call, { name: 'backup-1', description: 'Manual backup' });
    expect(result.status).toBe(201);
    expect(result.body).toEqual({
      backup: {
        id: expect.stringMatching(/^[0-9a-f]{32}br07$/),
        name: 'backup-1',
        description: 'Manual backup',
        begin_time: '2026-11-25T02:00:00+0800',
        status: 'BUILDING',
        type: 'manual',
        instance_id: DB_ORDERS_TEST,
      },
      job_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
  });

  it.each<[unknown, string]>([
    ['abc', 'three characters'],
    ['a'.repeat(65), '65 characters'],
    [HAN.repeat(22), '22 Chinese characters: 66 bytes'],
    [`ab${HAN.repeat(21)}`, '23 characters but 65 bytes'],
    ['1backup', 'starts with a digit'],
    ['-backup', 'starts with a hyphen'],
    ['back.up', 'has a dot'],
    ['backup 1', 'has a space'],
    [7, 'is not a string'],
  ])('refuses the name %j (%s) with 400 DBS.201210', (name) => {
    expect(errorOf(create(makeCloud().call, { name }))).toEqual([400, 'DBS.201210']);
  });

  it.each([
    ['a_-1', 'four characters'],
    ['A'.repeat(64), '64 characters'],
    [HAN.repeat(21), '21 Chinese characters: 63 bytes'],
    [`a${HAN.repeat(21)}`, '64 bytes'],
    [`${HAN}备份-nightly_1`, 'starts with a Chinese character'],
  ])('accepts the name %j (%s)', (name) => {
    expect(create(makeCloud().call, { name }).status).toBe(201);
  });

  it.each([...`!<"='>&\r\n`].map((c) => [JSON.stringify(c)]))('refuses a description with %s', (c) => {
    const description = `nightly ${JSON.parse(c)} run`;
    expect(errorOf(create(makeCloud().call, { name: 'backup-1', description }))).toEqual([400, 'DBS.280127']);
  });

  it('takes a description of 256 characters and refuses 257', () => {
    expect(create(makeCloud().call, { name: 'backup-1', description: 'd'.repeat(256) }).status).toBe(201);
    const long = create(makeCloud().call, { name: 'backup-1', description: 'd'.repeat(257) });
    expect(errorOf(long)).toEqual([400, 'DBS.280127']);
  });

  it('answers 400 DBS.200001 for a missing body, instance_id or name', () => {
    const { call } = makeCloud();
    expect(errorOf(call('POST', gauss('/backups/create')))).toEqual([400, 'DBS.200001']);
    expect(errorOf(call('POST', gauss('/backups/create'), { name: 'backup-1' }))).toEqual([
      400,
      'DBS.200001',
    ]);
    expect(errorOf(create(call, {}))).toEqual([400, 'DBS.200001']);
  });

  it('answers 404 DBS.200002 for an unknown instance', () => {
    expect(errorOf(create(makeCloud().call, { name: 'backup-1', instance_id: 'nopein07' }))).toEqual([
      404,
      'DBS.200002',
    ]);
  });

  it('answers 409 DBS.200019 while the instance has a backup BUILDING, and only that instance', () => {
    const { call, advance } = makeCloud();
    expect(create(call, { name: 'backup-1' }).status).toBe(201);
    expect(errorOf(create(call, { name: 'backup-2' }))).toEqual([409, 'DBS.200019']);
    expect(create(call, { name: 'backup-3', instance_id: DB_BILLING }).status).toBe(201);
    advance(TRANSITION_MS);
    expect(create(call, { name: 'backup-2' }).status).toBe(201);
  });

  it('answers 409 DBS.201209 for a name already used in the project (case-sensitive)', () => {
    const { call } = makeCloud();
    expect(errorOf(create(call, { name: 'manual-old' }))).toEqual([409, 'DBS.201209']);
    expect(create(call, { name: 'Manual-old' }).status).toBe(201);
  });
});

describe('GaussDB ShowGaussMySqlBackupList', () => {
  it('lists newest first with total_count, +0800 times and BUILDING → COMPLETED after transitionMs', () => {
    const { call, advance } = makeCloud();
    const id = create(call, { name: 'backup-1' }).body.backup.id;
    const listed = call('GET', gauss('/backups'));
    expect(listed.body.total_count).toBe(4);
    expect(listed.body.backups[0]).toMatchObject({
      id,
      status: 'BUILDING',
      end_time: null,
      instance_name: 'orders-db-test',
    });
    expect(listed.body.backups.map((b: { begin_time: string }) => b.begin_time)).toEqual([
      '2026-11-25T02:00:00+0800',
      '2026-11-22T11:00:00+0800',
      '2026-11-21T03:00:00+0800',
      '2026-11-20T02:00:00+0800',
    ]);
    advance(TRANSITION_MS);
    const done = call('GET', gauss(`/backups?backup_id=${id}`)).body.backups[0];
    expect(done).toMatchObject({ status: 'COMPLETED', end_time: '2026-11-25T02:01:00+0800', type: 'manual' });
    expect(done.size).toBeGreaterThan(0);
    expect(done.datastore).toEqual({ type: 'gaussdb-mysql', version: '8.0' });
  });

  it('filters by instance_id, backup_type, name, instance_name and the begin/end window', () => {
    const { call } = makeCloud();
    expect(names(call, `?instance_id=${DB_ORDERS}`)).toEqual(['manual-old', 'auto-orders']);
    expect(names(call, '?backup_type=auto')).toEqual(['auto-orders']);
    expect(names(call, `?instance_id=${DB_ORDERS}&backup_type=manual`)).toEqual(['manual-old']);
    expect(names(call, '?name=billing-old')).toEqual(['billing-old']);
    expect(names(call, '?instance_name=billing')).toEqual(['billing-old']);
    expect(names(call, '?instance_id=unknown')).toEqual([]);
    const window = '?begin_time=2026-11-21T03:00:00%2B0800&end_time=2026-11-22T03:00:00Z';
    expect(names(call, window)).toEqual(['billing-old', 'manual-old']);
  });

  it('pages with offset and limit; total_count counts every match', () => {
    const { call } = makeCloud();
    const page = call('GET', gauss('/backups?offset=1&limit=1')).body;
    expect(page.backups.map((b: { name: string }) => b.name)).toEqual(['manual-old']);
    expect(page.total_count).toBe(3);
    expect(names(call, '?offset=3')).toEqual([]);
    expect(names(call, '?limit=100')).toHaveLength(3);
  });

  it.each([
    'limit=0',
    'limit=101',
    'limit=ten',
    'offset=-1',
    'backup_type=full',
    'begin_time=2026-11-21',
    'begin_time=2026-11-21T03:00:00+0800', // the + arrives as a space when left unencoded
    'begin_time=2026-11-22T00:00:00Z&end_time=2026-11-21T00:00:00Z',
  ])('refuses %s with 400 DBS.200001', (q) => {
    expect(errorOf(makeCloud().call('GET', gauss(`/backups?${q}`)))).toEqual([400, 'DBS.200001']);
  });
});

describe('GaussDB DeleteGaussMySqlBackup', () => {
  it('answers 200 with backup_id and backup_name, and the backup is gone', () => {
    const { call } = makeCloud();
    const old = call('GET', gauss('/backups?name=manual-old')).body.backups[0];
    expect(call('DELETE', gauss(`/backups/${old.id}`))).toEqual({
      status: 200,
      body: { backup_id: old.id, backup_name: 'manual-old' },
    });
    expect(names(call)).toEqual(['billing-old', 'auto-orders']);
    expect(errorOf(call('DELETE', gauss(`/backups/${old.id}`)))).toEqual([400, 'DBS.280124']);
  });

  it('refuses an automated backup and a BUILDING one with 400 DBS.200001', () => {
    const { call, advance } = makeCloud();
    expect(errorOf(call('DELETE', gauss('/backups/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbr07')))).toEqual([
      400,
      'DBS.200001',
    ]);
    const id = create(call, { name: 'backup-1' }).body.backup.id;
    expect(errorOf(call('DELETE', gauss(`/backups/${id}`)))).toEqual([400, 'DBS.200001']);
    advance(TRANSITION_MS);
    expect(call('DELETE', gauss(`/backups/${id}`)).status).toBe(200);
    expect(names(call)).toContain('auto-orders');
  });
});
