import type {
  CreateDiskBackupRequest,
  CreateDiskBackupResponse,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTencentCredentials } from '../../lib/cloud/credentials';
import { CloudError, MissingCredentialsError } from '../../lib/errors/cloud-error';
import { createTencentClient, type TencentClientOptions } from '../../lib/cloud/tencent';
import { parseTc3Authorization, signTc3 } from '../../lib/signing/tc3';
import { startRecordingServer, type Recorded, type RecordingServer } from './support/recording-server';
import { FAST_RETRY, stubThrottle } from './support/stub-throttle';

const CREDENTIALS = { secretId: 'AKIDtestsecretid', secretKey: 'test-secret-key' };
const NOW_MS = Date.UTC(2026, 10, 24, 18, 0, 5);
let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

function client(overrides: Partial<TencentClientOptions> = {}) {
  const throttle = stubThrottle();
  const caller = createTencentClient({
    credentials: CREDENTIALS,
    endpoint: server.url,
    throttle,
    retry: FAST_RETRY,
    clock: () => NOW_MS,
    ...overrides,
  });
  return { caller, throttle };
}

/** Recomputes the signature the way the simulator does: from the client's SignedHeaders list. */
function verify(request: Recorded, secretKey = CREDENTIALS.secretKey) {
  const auth = parseTc3Authorization(String(request.headers.authorization));
  expect(auth).toBeDefined();
  const { service, signedHeaderNames, signature } = auth!;
  const signedHeaders = Object.fromEntries(signedHeaderNames.map((n) => [n, String(request.headers[n])]));
  const expected = signTc3(
    {
      method: request.method,
      signedHeaders,
      body: request.body,
      timestampSec: Number(request.headers['x-tc-timestamp']),
      service,
    },
    { secretId: auth!.secretId, secretKey },
  );
  expect(signature).toBe(expected.signature);
  return auth!;
}

const ok = (response: object) => () => ({ body: { Response: { ...response, RequestId: 'req-ok' } } });

describe('Tencent client', () => {
  it('signs and sends a call, resolving with the Response object', async () => {
    server.reset(ok({ DiskBackupId: 'dbp-0001' }));
    const { caller, throttle } = client();
    const params: CreateDiskBackupRequest = { DiskId: 'disk-0001', DiskBackupName: '备份-nightly' };
    const response = await caller.call<CreateDiskBackupResponse>(
      'cbs',
      '2017-03-12',
      'CreateDiskBackup',
      'ap-guangzhou',
      params,
    );
    expect(response).toEqual({ DiskBackupId: 'dbp-0001', RequestId: 'req-ok' });

    const [sent] = server.requests as [Recorded];
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/');
    expect(sent.body.toString('utf8')).toBe(JSON.stringify(params));
    expect(sent.headers).toMatchObject({
      'content-type': 'application/json',
      // The real host, although the endpoint override sent it to the test server.
      host: 'cbs.tencentcloudapi.com',
      'x-tc-action': 'CreateDiskBackup',
      'x-tc-version': '2017-03-12',
      'x-tc-timestamp': String(Math.floor(NOW_MS / 1000)),
      'x-tc-region': 'ap-guangzhou',
    });
    expect(sent.headers['x-tc-token']).toBeUndefined();
    const auth = verify(sent);
    expect(auth.signedHeaderNames).toEqual(['content-type', 'host', 'x-tc-action']);
    // The endpoint is 127.0.0.1, the scope still says cbs.
    expect([auth.service, auth.date, auth.secretId]).toEqual(['cbs', '2026-11-24', CREDENTIALS.secretId]);
    expect(throttle.acquired).toEqual(['cbs.CreateDiskBackup@cbs.tencentcloudapi.com']);
  });

  it('sends the session token as X-TC-Token and leaves out X-TC-Region for global APIs', async () => {
    server.reset(ok({}));
    const { caller } = client({ credentials: { ...CREDENTIALS, sessionToken: 'sts-token-1' } });
    await caller.call('tke', '2018-05-25', 'DescribeBackupStorageLocations', undefined, {});
    const [sent] = server.requests as [Recorded];
    expect(sent.headers['x-tc-token']).toBe('sts-token-1');
    expect(sent.headers['x-tc-region']).toBeUndefined();
    expect(verify(sent).service).toBe('tke');
  });

  it('turns an error envelope in an HTTP 200 body into a CloudError, not retried', async () => {
    server.reset(() => ({
      body: {
        Response: {
          Error: { Code: 'InvalidDiskId.NotFound', Message: 'no such disk' },
          RequestId: 'req-404',
        },
      },
    }));
    const { caller } = client();
    const error = await caller
      .call('cbs', '2017-03-12', 'CreateDiskBackup', 'ap-guangzhou', {})
      .catch((e) => e);
    expect(error).toBeInstanceOf(CloudError);
    expect(error).toMatchObject({
      cloud: 'tencent',
      api: 'cbs.CreateDiskBackup',
      code: 'InvalidDiskId.NotFound',
      requestId: 'req-404',
      httpStatus: 200,
      errorClass: 'notFound',
      cloudMessage: 'no such disk',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 5xx from a proxy and an unparsable body, then succeeds', async () => {
    server.reset((_r, i) =>
      i === 0 ? { status: 502, body: '<html>Bad Gateway</html>' } : i === 1 ? { body: 'not json' } : ok({})(),
    );
    const { caller, throttle } = client();
    await expect(caller.call('cdb', '2017-03-20', 'DescribeBackups', 'ap-guangzhou', {})).resolves.toEqual({
      RequestId: 'req-ok',
    });
    expect(server.requests).toHaveLength(3);
    expect(throttle.acquired).toHaveLength(3); // the throttle before every attempt
  });

  it('classifies a non-200 without an envelope by its status', async () => {
    server.reset(() => ({ status: 403, body: 'Forbidden' }));
    const error = await client()
      .caller.call('cbs', '2017-03-12', 'DescribeDisks', 'ap-guangzhou', {})
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'HTTP.403', httpStatus: 403, errorClass: 'permanent' });
    expect(server.requests).toHaveLength(1);
  });

  it('on a mutating call does not retry a timeout but does retry a throttled answer', async () => {
    server.reset(() => ({ delayMs: 60_000, body: { Response: { RequestId: 'late' } } }));
    const { caller } = client({ timeoutMs: 1_000 });
    const timedOut = await caller
      .call('cbs', '2017-03-12', 'CreateDiskBackup', 'ap-guangzhou', {}, { mutating: true })
      .catch((e) => e);
    expect(timedOut).toMatchObject({ code: 'RequestTimeout', errorClass: 'transient' });
    expect(server.requests).toHaveLength(1);

    const limited = {
      body: { Response: { Error: { Code: 'RequestLimitExceeded', Message: 'slow down' }, RequestId: 'r' } },
    };
    server.reset((_r, i) => (i < 2 ? limited : ok({ DiskBackupId: 'dbp-2' })()));
    const second = client();
    const created = await second.caller.call(
      'cbs',
      '2017-03-12',
      'CreateDiskBackup',
      'ap-guangzhou',
      {},
      { mutating: true },
    );
    expect(created.DiskBackupId).toBe('dbp-2');
    expect(server.requests).toHaveLength(3);
    // One pacing lane per API and host.
    const lane = 'cbs.CreateDiskBackup@cbs.tencentcloudapi.com';
    expect(second.throttle.throttled).toEqual([lane, lane]);
  });

  it('retries a timeout on a read-only call', async () => {
    server.reset((_r, i) => (i === 0 ? { delayMs: 60_000 } : ok({ TotalCount: 0 })()));
    const { caller } = client({ timeoutMs: 1_000 });
    await expect(
      caller.call('cbs', '2017-03-12', 'DescribeDiskBackups', 'ap-guangzhou', {}),
    ).resolves.toMatchObject({
      TotalCount: 0,
    });
    expect(server.requests).toHaveLength(2);
  });

  it('defaults to https://<service>.tencentcloudapi.com', async () => {
    const urls: string[] = [];
    const caller = createTencentClient({
      credentials: CREDENTIALS,
      throttle: stubThrottle(),
      transport: async (request) => {
        urls.push(`${String(request.url)} ${request.headers?.Host}`);
        return { status: 200, headers: {}, body: Buffer.from('{"Response":{"RequestId":"r"}}') };
      },
    });
    await caller.call('cdb', '2017-03-20', 'DescribeBackups', 'ap-guangzhou', {});
    expect(urls).toEqual(['https://cdb.tencentcloudapi.com/ cdb.tencentcloudapi.com']);
  });

  it('cannot be built without credentials: the error names the variable', () => {
    expect(() => loadTencentCredentials({ TENCENTCLOUD_SECRETID: 'AKIDx' })).toThrow(MissingCredentialsError);
    expect(() => loadTencentCredentials({ TENCENTCLOUD_SECRETID: 'AKIDx' })).toThrow(
      /TENCENTCLOUD_SECRETKEY/,
    );
  });
});
