import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHuaweiCredentials } from '../../lib/cloud/credentials';
import { CloudError } from '../../lib/errors/cloud-error';
import { createHuaweiClient, type HuaweiClientOptions } from '../../lib/cloud/huawei';
import type { HuaweiRequest } from '../../lib/cloud/types';
import { parseSdkHmacAuthorization, signSdkHmac } from '../../lib/signing/sdk-hmac';
import {
  startRecordingServer,
  type Recorded,
  type RecordingServer,
  type Reply,
} from './support/recording-server';
import { FAST_RETRY, stubThrottle } from './support/stub-throttle';

const PROJECT = '0123456789abcdef0123456789abcdef';
const CREDENTIALS = { ak: 'AKTEST0000000000', sk: 'SKTEST00000000000000000000000000' };
const NOW_MS = Date.UTC(2026, 10, 24, 18, 0, 5);
let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

function client(overrides: Partial<HuaweiClientOptions> = {}) {
  const throttle = stubThrottle();
  const caller = createHuaweiClient({
    credentials: CREDENTIALS,
    endpoint: server.url,
    throttle,
    retry: FAST_RETRY,
    clock: () => NOW_MS,
    ...overrides,
  });
  return { caller, throttle };
}

const createSnapshot: HuaweiRequest = {
  service: 'dws',
  action: 'CreateSnapshot',
  region: 'cn-north-4',
  method: 'POST',
  path: `/v1.0/${PROJECT}/snapshots`,
  body: { snapshot: { name: 'scf-backup-nightly-20261124T1800Z', cluster_id: 'c-1', description: '夜间' } },
  projectId: PROJECT,
};

/** Recomputes the signature from the client's SignedHeaders list, as the gateway does. */
function verify(request: Recorded) {
  const auth = parseSdkHmacAuthorization(String(request.headers.authorization));
  expect(auth?.ak).toBe(CREDENTIALS.ak);
  const url = new URL(request.url, 'http://x');
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  const signedHeaders = Object.fromEntries(
    auth!.signedHeaderNames.map((n) => [n, String(request.headers[n])]),
  );
  const expected = signSdkHmac(
    { method: request.method, path: url.pathname, query, signedHeaders, body: request.body },
    CREDENTIALS,
  );
  expect(auth!.signature).toBe(expected.signature);
  return auth!;
}

async function failure(promise: Promise<unknown>): Promise<CloudError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudError);
  return error as CloudError;
}

describe('Huawei client', () => {
  it('signs every header it sends, X-Project-Id included, and returns status, body, request id', async () => {
    server.reset(() => ({ headers: { 'X-Request-Id': 'req-hdr' }, body: { snapshot: { id: 'snap-1' } } }));
    const { caller, throttle } = client();
    const response = await caller.call(createSnapshot, { mutating: true });
    expect(response).toEqual({ status: 200, body: { snapshot: { id: 'snap-1' } }, requestId: 'req-hdr' });

    const [sent] = server.requests as [Recorded];
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe(`/v1.0/${PROJECT}/snapshots`);
    expect(sent.body.toString('utf8')).toBe(JSON.stringify(createSnapshot.body));
    expect(sent.headers).toMatchObject({
      'content-type': 'application/json;charset=UTF-8',
      // The real regional host, although the endpoint override sent it to the test server.
      host: 'dws.cn-north-4.myhuaweicloud.com',
      'x-project-id': PROJECT,
      'x-sdk-date': '20261124T180005Z',
    });
    expect(verify(sent).signedHeaderNames).toEqual(['content-type', 'host', 'x-project-id', 'x-sdk-date']);
    expect(throttle.acquired).toEqual(['dws.CreateSnapshot@dws.cn-north-4.myhuaweicloud.com']);
  });

  it('signs the query in canonical form, drops undefined values, and signs X-Security-Token', async () => {
    server.reset(() => ({ body: { backups: [], total_count: 0 } }));
    const { caller } = client({ credentials: { ...CREDENTIALS, securityToken: 'sts+token/=' } });
    await caller.call({
      service: 'gaussdb',
      action: 'ShowGaussMySqlBackupList',
      region: 'cn-north-4',
      method: 'GET',
      path: `/v3/${PROJECT}/backups`,
      query: { limit: '100', offset: '0', instance_id: undefined, name: ['b 2', 'a~1'], note: '备份' },
      projectId: PROJECT,
    });
    const [sent] = server.requests as [Recorded];
    expect(sent.url).toBe(
      `/v3/${PROJECT}/backups?limit=100&name=a~1&name=b%202&note=%E5%A4%87%E4%BB%BD&offset=0`,
    );
    expect(sent.headers['x-security-token']).toBe('sts+token/=');
    expect(verify(sent).signedHeaderNames).toContain('x-security-token');
    expect(sent.body.length).toBe(0);
  });

  it('parses an empty 2xx body as {}', async () => {
    server.reset(() => ({ status: 202 }));
    const { caller } = client();
    const deleted = await caller.call({
      ...createSnapshot,
      action: 'DeleteSnapshot',
      method: 'DELETE',
      body: undefined,
    });
    expect(deleted).toEqual({ status: 202, body: {} });
  });

  it.each<[string, Reply, Partial<CloudError>]>([
    [
      'error_code/error_msg',
      {
        status: 400,
        headers: { 'X-Request-Id': 'req-400' },
        body: { error_code: 'DWS.0001', error_msg: 'bad' },
      },
      {
        code: 'DWS.0001',
        cloudMessage: 'bad',
        requestId: 'req-400',
        httpStatus: 400,
        errorClass: 'permanent',
      },
    ],
    [
      'code/message',
      { status: 404, body: { code: 'DBS.200002', message: 'no instance', request_id: 'req-body' } },
      { code: 'DBS.200002', cloudMessage: 'no instance', requestId: 'req-body', errorClass: 'notFound' },
    ],
    [
      'errorCode/errorMessage',
      { status: 409, body: { errorCode: 'DWS.0011', errorMessage: 'busy' } },
      { code: 'DWS.0011', cloudMessage: 'busy', errorClass: 'busy' },
    ],
    [
      'a gateway 401',
      {
        status: 401,
        body: { error_code: 'APIGW.0301', error_msg: 'verify aksk signature fail', request_id: 'g1' },
      },
      { code: 'APIGW.0301', requestId: 'g1', httpStatus: 401, errorClass: 'auth' },
    ],
    [
      'a 403 not-found-or-denied',
      { status: 403, body: { error_code: 'DWS.0015', error_msg: 'not found' } },
      { code: 'DWS.0015', errorClass: 'notFound' },
    ],
  ])('turns %s into a CloudError and does not retry it', async (_name, reply, expected) => {
    server.reset(() => reply);
    const error = await failure(client().caller.call(createSnapshot));
    expect(error).toMatchObject({ cloud: 'huawei', api: 'dws.CreateSnapshot', ...expected });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a gateway 429 and a bare 5xx, then returns the answer', async () => {
    const throttled = {
      status: 429,
      body: { error_code: 'APIGW.0308', error_msg: 'over ratelimit', request_id: 't' },
    };
    server.reset((_r, i) =>
      i === 0 ? throttled : i === 1 ? { status: 503, body: '<html>down</html>' } : { body: {} },
    );
    const { caller, throttle } = client();
    await expect(
      caller.call({ ...createSnapshot, method: 'GET', action: 'ListSnapshots' }),
    ).resolves.toMatchObject({
      status: 200,
    });
    expect(server.requests).toHaveLength(3);
    expect(throttle.acquired).toHaveLength(3);
    // One pacing lane per API and host.
    expect(throttle.throttled).toEqual(['dws.ListSnapshots@dws.cn-north-4.myhuaweicloud.com']);
  });

  it('on a mutating call does not retry a timeout or a 5xx, but does retry a 429', async () => {
    server.reset(() => ({ delayMs: 60_000, body: {} }));
    const timedOut = await failure(
      client({ timeoutMs: 1_000 }).caller.call(createSnapshot, { mutating: true }),
    );
    expect(timedOut).toMatchObject({ code: 'RequestTimeout', errorClass: 'transient' });
    expect(server.requests).toHaveLength(1);

    server.reset(() => ({ status: 500, body: { error_code: 'DWS.0005', error_msg: 'server failure' } }));
    await failure(client().caller.call(createSnapshot, { mutating: true }));
    expect(server.requests).toHaveLength(1);

    server.reset((_r, i) =>
      i === 0 ? { status: 429, body: { error_code: 'APIG.0308' } } : { body: { ok: 1 } },
    );
    await expect(client().caller.call(createSnapshot, { mutating: true })).resolves.toMatchObject({
      body: { ok: 1 },
    });
    expect(server.requests).toHaveLength(2);
  });

  it('defaults to https://<service>.<region>.myhuaweicloud.com', async () => {
    const seen: string[] = [];
    const caller = createHuaweiClient({
      credentials: CREDENTIALS,
      throttle: stubThrottle(),
      transport: async (request) => {
        seen.push(`${String(request.url)} ${request.headers?.Host}`);
        return { status: 200, headers: {}, body: Buffer.alloc(0) };
      },
    });
    await caller.call(createSnapshot);
    expect(seen).toEqual([
      `https://dws.cn-north-4.myhuaweicloud.com/v1.0/${PROJECT}/snapshots dws.cn-north-4.myhuaweicloud.com`,
    ]);
  });

  it('cannot be built without credentials: the error names the variable', () => {
    expect(() => loadHuaweiCredentials({ HUAWEICLOUD_SDK_AK: 'ak' })).toThrow(/HUAWEICLOUD_SDK_SK/);
  });
});
