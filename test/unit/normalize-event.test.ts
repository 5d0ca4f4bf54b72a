import { describe, expect, it } from 'vitest';
import apigwEvent from '../fixtures/events/apigw.json';
import consoleEvent from '../fixtures/events/console.json';
import functionUrlEvent from '../fixtures/events/function-url.json';
import timerEvent from '../fixtures/events/timer.json';
import { InvalidEventError, UnrecognizedEventError } from '../../lib/middleware/errors';
import { normalizeEvent } from '../../lib/middleware/normalize-event';

const now = new Date('2026-11-25T09:30:00Z');
const normalize = (event: unknown) => normalizeEvent(event, { now });

function runRequest(event: unknown) {
  const result = normalize(event);
  if (result.kind !== 'run') throw new Error(`expected a run, got ${result.kind}`);
  return result;
}

function http(event: unknown) {
  const result = normalize(event);
  if (result.kind !== 'http') throw new Error(`expected http, got ${result.kind}`);
  return result.http;
}

describe('normalizeEvent: timer', () => {
  it('plans for the event Time, not the clock', () => {
    const { source, request, warnings } = runRequest(timerEvent);
    expect(source).toBe('timer');
    expect(request).toEqual({
      trigger: 'timer',
      dryRun: false,
      force: false,
      now: new Date('2026-11-24T18:00:00Z'),
    });
    expect(warnings).toEqual([]);
  });

  it.each(['Timer', 'timer', 'TIMER', 'tImEr'])('matches Type %s case-insensitively', (Type) => {
    expect(runRequest({ ...timerEvent, Type }).request.trigger).toBe('timer');
  });

  it('narrows the policies and asks a dry run from a JSON Message', () => {
    const Message = JSON.stringify({
      policies: ['nightly-disks', 'nightly-disks', 'weekly-db'],
      dryRun: true,
    });
    const { request } = runRequest({ ...timerEvent, Message });
    expect(request.policies).toEqual(['nightly-disks', 'weekly-db']);
    expect(request.dryRun).toBe(true);
  });

  it('ignores a Message that is not JSON, with a warning', () => {
    const result = runRequest({ ...timerEvent, Message: 'user define msg body' });
    expect(result.request.policies).toBeUndefined();
    expect(result.warnings).toEqual(['timer Message is not JSON; ignored']);
  });

  it('accepts a timer event without Message (the plugin never sends one)', () => {
    const { Message: _omit, ...event } = timerEvent;
    expect(runRequest(event).request.dryRun).toBe(false);
  });

  it.each([
    [{ policy: ['x'] }, 'unknown key "policy"'],
    [{ policies: 'nightly' }, 'policies'],
    [{ policies: [] }, 'at least one policy'],
    [{ dryRun: 'yes' }, 'dryRun'],
    [{ force: true }, 'unknown key "force"'],
    [['nightly'], 'expected object'],
  ])('refuses a JSON Message of the wrong shape: %j', (message, mentions) => {
    expect(() => normalize({ ...timerEvent, Message: JSON.stringify(message) })).toThrow(InvalidEventError);
    expect(() => normalize({ ...timerEvent, Message: JSON.stringify(message) })).toThrow(mentions);
  });

  it('refuses a JSON Message with a key twice, as JSON.parse would keep only the last', () => {
    const Message = '{"dryRun":true,"dryRun":false}';
    expect(() => normalize({ ...timerEvent, Message })).toThrow(InvalidEventError);
    expect(() => normalize({ ...timerEvent, Message })).toThrow('key "dryRun" appears twice');
  });

  it('refuses a timer event whose Time is not an ISO-8601 instant', () => {
    expect(() => normalize({ ...timerEvent, Time: 'yesterday' })).toThrow(
      /timer event: Time: expected an ISO-8601/,
    );
    expect(() => normalize({ ...timerEvent, Time: undefined })).toThrow(InvalidEventError);
  });
});

describe('normalizeEvent: console / Invoke', () => {
  it('takes policies, dryRun, force and now from the event', () => {
    expect(runRequest({ ...consoleEvent, force: true }).request).toEqual({
      trigger: 'console',
      policies: ['nightly-disks'],
      dryRun: true,
      force: true,
      now: new Date('2026-11-24T18:05:00Z'),
    });
  });

  it('runs what is due at the clock for an empty {} (the console test default)', () => {
    expect(runRequest({})).toEqual({
      kind: 'run',
      source: 'console',
      request: { trigger: 'console', dryRun: false, force: false, now },
      warnings: [],
    });
  });

  it('refuses an unknown key, naming it and the shapes accepted', () => {
    expect(() => normalize({ dryrun: true })).toThrow(UnrecognizedEventError);
    expect(() => normalize({ dryrun: true })).toThrow(/unknown key "dryrun".*accepted events: a timer event/);
  });

  it('refuses wrong types with the path of the bad field', () => {
    expect(() => normalize({ policies: [''] })).toThrow(/policies\.0: a policy name must not be empty/);
    expect(() => normalize({ now: 'tomorrow' })).toThrow(/now: expected an ISO-8601 instant/);
    expect(() => normalize({ force: 1 })).toThrow(/force:/);
  });

  it("accepts a continuation marker and keeps the continued run's trigger", () => {
    const event = {
      continuation: { runId: 'run-123', attempt: 2, trigger: 'timer' },
      now: '2026-11-24T18:00:00Z',
      policies: ['nightly-disks'],
    };
    const result = runRequest(event);
    expect(result.source).toBe('continuation');
    expect(result.request).toEqual({
      trigger: 'timer',
      policies: ['nightly-disks'],
      dryRun: false,
      force: false,
      now: new Date('2026-11-24T18:00:00Z'),
      continuation: { runId: 'run-123', attempt: 2 },
    });
    expect(runRequest({ continuation: { runId: 'r', attempt: 1 } }).request.trigger).toBe('console');
    expect(() => normalize({ continuation: { runId: 'r', attempt: 0 } })).toThrow(/continuation\.attempt/);
    expect(() => normalize({ continuation: { runId: 'r', attempt: 1, extra: 1 } })).toThrow(
      /unknown key "extra"/,
    );
  });
});

describe('normalizeEvent: HTTP', () => {
  const body = '{"policies":["nightly-disks"],"dryRun":true}';

  it('reads the legacy API-gateway integration event', () => {
    expect(http(apigwEvent)).toEqual({
      shape: 'api-gateway',
      method: 'POST',
      path: '/scf-backup',
      headers: expect.objectContaining({ 'content-type': 'application/json', 'x-qualifier': '$DEFAULT' }),
      body: { text: body, base64: false },
      sourceIp: '203.0.113.7',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    });
  });

  it('reads the Function URL event, client address from x-scf-remote-addr', () => {
    const result = http(functionUrlEvent);
    expect(result).toMatchObject({
      shape: 'function-url',
      method: 'POST',
      path: '/',
      sourceIp: '203.0.113.7',
    });
    expect(result.body).toEqual({ text: body, base64: false });
  });

  it('lower-cases header names whatever case they came in, and joins repeats', () => {
    const result = http({
      ...functionUrlEvent,
      headers: {
        'X-Scf-Backup-Signature': 'sig',
        'X-Multi': ['a', 'b'],
        'x-multi': 'c',
        'X-Num': 5,
        'X-Nil': null,
      },
    });
    expect(result.headers).toEqual({ 'x-scf-backup-signature': 'sig', 'x-multi': 'a, b, c', 'x-num': '5' });
  });

  it('keeps a base64 body encoded until its size is checked', () => {
    const result = http({ ...apigwEvent, isBase64Encoded: true, body: 'e30=' });
    expect(result.body).toEqual({ text: 'e30=', base64: true });
  });

  it('takes a missing body as empty, and upper-cases the method', () => {
    const result = http({ ...functionUrlEvent, httpMethod: 'get', body: undefined });
    expect(result.method).toBe('GET');
    expect(result.body).toEqual({ text: '', base64: false });
  });

  it.each([
    [
      'a body that is not a string (its raw bytes are gone)',
      { ...functionUrlEvent, body: { policies: [] } },
      'raw body as a string',
    ],
    ['a number body', { ...functionUrlEvent, body: 42 }, 'raw body as a string'],
    [
      'no httpMethod',
      {
        ...apigwEvent,
        httpMethod: undefined,
        requestContext: { ...apigwEvent.requestContext, httpMethod: undefined },
      },
      'no "httpMethod"',
    ],
    ['no httpMethod in a Function URL event', { headers: {}, body: '{}' }, 'no "httpMethod"'],
    ['a non-string httpMethod', { ...functionUrlEvent, httpMethod: 7 }, 'no "httpMethod"'],
    ['headers that are a list', { ...functionUrlEvent, headers: ['x'] }, '"headers" must be an object'],
    ['a requestContext that is not an object', { ...apigwEvent, requestContext: 'x' }, '"requestContext"'],
    [
      'isBase64Encoded that is not a boolean',
      { ...functionUrlEvent, isBase64Encoded: 1 },
      '"isBase64Encoded"',
    ],
  ])('answers %s as a malformed HTTP event, never a throw', (_name, event, mentions) => {
    const result = normalize(event);
    expect(result.kind).toBe('bad-http');
    expect(result.kind === 'bad-http' && result.error).toContain(mentions);
  });
});

describe('normalizeEvent: anything else', () => {
  it.each([
    [null, 'got null'],
    ['timer', 'got string'],
    [[1, 2], 'got an array'],
    [42, 'got number'],
    [{ Records: [{ cos: {} }] }, '"Records" is not a trigger'],
    [{ Type: 'Cos', Records: [] }, 'Type "Cos" is not a trigger'],
    [{ hello: 'world' }, 'unknown key "hello"'],
  ])('refuses %j, naming the shapes accepted', (event, mentions) => {
    let error: unknown;
    try {
      normalize(event);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnrecognizedEventError);
    const { message, cause } = error as UnrecognizedEventError;
    expect(message).toContain(mentions);
    for (const shape of ['timer event', 'console/Invoke event', 'Function URL', 'API gateway']) {
      expect(message).toContain(shape);
    }
    expect(cause.middleware).toBe('normalize-event');
  });
});
