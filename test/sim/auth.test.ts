/**
 * Authentication as the clouds do it, through real HTTP: TC3 (reference/cloud-apis.md §2.3)
 * answered in HTTP 200 envelopes, SDK-HMAC-SHA256 (§6) answered 401 APIGW.0301.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { CBS, GZ, huaweiCall, rawRequest, tc3Call, type RawResponse } from './sim-helpers';

let sim: RunningSimulator;
const UUID = /^[0-9a-f-]{36}$/;
// The simulator's clock stands still on a whole second, so the signature windows are tested at
// their exact edges and no amount of machine load moves a timestamp across one.
const NOW_MS = Math.floor(Date.now() / 1000) * 1000;
const NOW_SEC = NOW_MS / 1000;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false, clock: { now: () => NOW_MS } });
});
afterAll(() => sim.stop());

const describeDisks = { ...CBS, action: 'DescribeDisks', region: GZ, params: { Limit: 1 } };

async function tencentError(response: Promise<RawResponse>): Promise<string> {
  const { status, json } = await response;
  expect(status).toBe(200);
  expect(json.Response.RequestId).toMatch(UUID);
  return json.Response.Error?.Code ?? 'OK';
}

describe('TC3-HMAC-SHA256 verification', () => {
  it('accepts the headers the client chose to sign, host with or without port', async () => {
    expect(await tencentError(tc3Call(sim, describeDisks))).toBe('OK');
    expect(
      await tencentError(tc3Call(sim, { ...describeDisks, alsoSign: ['x-tc-action', 'x-tc-timestamp'] })),
    ).toBe('OK');
  });

  it('answers the five documented auth failures', async () => {
    const { tencent, tencentSession } = sim.credentials;
    const nowSec = NOW_SEC;
    const cases: Array<[string, Parameters<typeof tc3Call>[1]]> = [
      [
        'AuthFailure.SecretIdNotFound',
        { ...describeDisks, credentials: { secretId: 'AKIDunknown', secretKey: 'k' } },
      ],
      ['AuthFailure.SignatureFailure', { ...describeDisks, credentials: { ...tencent, secretKey: 'wrong' } }],
      [
        'AuthFailure.InvalidAuthorization',
        { ...describeDisks, authorization: 'TC3-HMAC-SHA256 Credential=garbage' },
      ],
      ['AuthFailure.SignatureExpire', { ...describeDisks, timestampSec: nowSec - 301 }],
      ['AuthFailure.SignatureExpire', { ...describeDisks, timestampSec: nowSec + 301 }],
      [
        'AuthFailure.TokenFailure',
        { ...describeDisks, credentials: { ...tencentSession, token: undefined } },
      ],
      [
        'AuthFailure.TokenFailure',
        { ...describeDisks, credentials: { ...tencentSession, token: 'not-the-token' } },
      ],
      ['OK', { ...describeDisks, timestampSec: nowSec - 300 }],
      ['OK', { ...describeDisks, timestampSec: nowSec + 300 }],
      ['OK', { ...describeDisks, credentials: tencentSession }],
    ];
    for (const [code, call] of cases)
      expect([code, await tencentError(tc3Call(sim, call))]).toEqual([code, code]);
  });

  it('detects a signed header or the body changed in transit', async () => {
    const signedRegion = { ...describeDisks, alsoSign: ['x-tc-region'] };
    const region = tc3Call(sim, { ...signedRegion, tamper: { headers: { 'X-TC-Region': 'ap-shanghai' } } });
    expect(await tencentError(region)).toBe('AuthFailure.SignatureFailure');
    const body = tc3Call(sim, { ...describeDisks, tamper: { body: '{"Limit":2}' } });
    expect(await tencentError(body)).toBe('AuthFailure.SignatureFailure');
    // An unsigned header may change: the SDKs sign only content-type and host.
    const unsigned = tc3Call(sim, {
      ...describeDisks,
      tamper: { headers: { 'X-TC-Region': 'ap-shanghai' } },
    });
    expect(await tencentError(unsigned)).toBe('OK');
  });

  it('refuses a credential scope naming another service than the endpoint', async () => {
    const response = tc3Call(sim, {
      ...describeDisks,
      service: 'cdb',
      tamper: { headers: { Host: `cbs.tencentcloudapi.com:${sim.port}` } },
    });
    expect(await tencentError(response)).toBe('AuthFailure.SignatureFailure');
  });

  it('requires content-type and host among SignedHeaders', async () => {
    const { json } = await tc3Call(sim, describeDisks);
    expect(json.Response.Error).toBeUndefined();
    const stripped = `TC3-HMAC-SHA256 Credential=${sim.credentials.tencent.secretId}/2026-01-01/cbs/tc3_request, SignedHeaders=content-type, Signature=${'0'.repeat(64)}`;
    expect(await tencentError(tc3Call(sim, { ...describeDisks, authorization: stripped }))).toBe(
      'AuthFailure.InvalidAuthorization',
    );
  });

  it('answers protocol errors: InvalidAction, NoSuchVersion, MissingParameter, GET', async () => {
    expect(await tencentError(tc3Call(sim, { ...describeDisks, action: 'DescribeInstances' }))).toBe(
      'InvalidAction',
    );
    expect(await tencentError(tc3Call(sim, { ...describeDisks, version: '2020-01-01' }))).toBe(
      'NoSuchVersion',
    );
    expect(await tencentError(tc3Call(sim, { ...describeDisks, service: 'cvm' }))).toBe('InvalidAction');
    const get = rawRequest(sim.url, { method: 'GET', headers: { 'X-TC-Action': 'DescribeDisks' } });
    expect(await tencentError(get)).toBe('UnsupportedProtocol');
    const noAction = rawRequest(sim.url, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(await tencentError(noAction)).toBe('MissingParameter');
  });

  it('counts auth failures per action in the stats', () => {
    const stats = sim.stats()['cbs.DescribeDisks'];
    expect(stats?.authFailed).toBe(9);
    expect(stats?.calls).toBeGreaterThan(stats?.authFailed ?? 0);
  });
});

describe('SDK-HMAC-SHA256 verification', () => {
  const clusters = (): string => `/v1.0/${sim.credentials.huawei.projectId}/clusters`;

  async function huaweiOutcome(response: ReturnType<typeof huaweiCall>): Promise<[number, string]> {
    const { status, json, headers } = await response;
    expect(headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    if (status >= 400) expect(json.request_id).toBe(headers['x-request-id']);
    return [status, json?.error_code ?? 'OK'];
  }

  it('accepts a signed request and refuses each bad one with 401 APIGW.0301', async () => {
    const get = { method: 'GET' as const, path: clusters() };
    expect(await huaweiOutcome(huaweiCall(sim, get))).toEqual([200, 'OK']);
    for (const dateMs of [NOW_MS - 15 * 60_000, NOW_MS + 15 * 60_000])
      expect(await huaweiOutcome(huaweiCall(sim, { ...get, dateMs }))).toEqual([200, 'OK']);
    const refused = [
      huaweiCall(sim, { ...get, ak: 'UNKNOWNAK0000000000' }),
      huaweiCall(sim, { ...get, sk: 'wrong-secret' }),
      huaweiCall(sim, { ...get, dateMs: NOW_MS - 15 * 60_000 - 1000 }),
      huaweiCall(sim, { ...get, dateMs: NOW_MS + 15 * 60_000 + 1000 }),
      huaweiCall(sim, { ...get, projectHeader: 'ffffffffffffffffffffffffffffffff' }),
      rawRequest(sim.url, { method: 'GET', path: clusters() }),
    ];
    for (const response of refused) expect(await huaweiOutcome(response)).toEqual([401, 'APIGW.0301']);
    expect(sim.stats()['dws.ListClusters']?.authFailed).toBe(6);
  });

  it('requires x-sdk-date among SignedHeaders', async () => {
    const auth = `SDK-HMAC-SHA256 Access=${sim.credentials.huawei.ak}, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
    const response = rawRequest(sim.url, {
      method: 'GET',
      path: clusters(),
      headers: { Authorization: auth },
    });
    expect(await huaweiOutcome(response)).toEqual([401, 'APIGW.0301']);
  });

  it('answers an unknown path 404 APIGW.0101', async () => {
    const response = huaweiCall(sim, {
      method: 'GET',
      path: `/v1.0/${sim.credentials.huawei.projectId}/nothing`,
    });
    expect(await huaweiOutcome(response)).toEqual([404, 'APIGW.0101']);
  });
});
