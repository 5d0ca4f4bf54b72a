/**
 * Our signers against the official ones, on generated requests (seeded: the same cases every run).
 *
 * Where the official signers part from the published algorithms, the generator stays on the
 * ground both specify:
 * - Tencent `sign3` (tencentcloud-sdk-nodejs 4.1.x, tencentcloud/common/sign.js):
 *   - signs exactly `content-type;host`, whatever else is sent, so `x-tc-action` (which our client
 *     also signs) is proven by the golden vector of the current doc revision instead;
 *   - does not lower-case header values (the doc does): content types here are lower case;
 *   - signs `URL.hostname`, without the port it sends in Host: hosts here carry no port;
 *   - hashes `json-bigint`'s serialization of an object payload, which writes U+007F–U+009F,
 *     U+00AD, U+2028… as `\uXXXX` where JSON.stringify writes them raw: object payloads avoid those
 *     characters; Buffer payloads (exact bytes, as our client sends) include them.
 * - Huawei `AKSKSigner` (@huaweicloud/huaweicloud-sdk-core 3.1.x, auth/AKSKSigner.js):
 *   - does not trim header values (the doc and the Go SDK do): values here have no edge spaces;
 *   - sorts canonical headers with `localeCompare` but SignedHeaders by code unit; the two orders
 *     differ for names with `_` or other punctuation: names here are `[a-z0-9-]`;
 *   - encodes path segments without decoding them first, after `url.parse` has escaped some
 *     characters, so `%XX`, spaces or `{}` in a path are encoded twice: paths here are unreserved
 *     ASCII or raw non-ASCII, where both agree;
 *   - signs an undefined query value as `undefined` (our client drops it): none generated;
 *   - signs its own current time unless the header key is exactly `X-Sdk-Date`.
 */
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import Sign from 'tencentcloud-sdk-nodejs/tencentcloud/common/sign';
import { describe, expect, it } from 'vitest';
import { createHuaweiClient, definedQuery } from '../../lib/cloud/huawei';
import type { HuaweiRequest } from '../../lib/cloud/types';
import type { HttpRequest } from '../../lib/http/types';
import { sdkDate, signSdkHmac } from '../../lib/signing/sdk-hmac';
import { signTc3 } from '../../lib/signing/tc3';
import type { Throttle } from '../../lib/throttle/throttle';
import { gen, type Gen } from './support/prng';
import * as c from './support/signing-cases';

const CASES = 500;

function officialHuawei(request: object, ak: string, sk: string): string {
  const credential = { getAk: () => ak, getSk: () => sk } as unknown as ICredential;
  return (AKSKSigner.sign(request, credential) as { Authorization: string }).Authorization;
}

function tencentCase(g: Gen, index: number) {
  const service = g.pick(c.TENCENT_SERVICES);
  const region = g.pick(c.TENCENT_REGIONS);
  const host = g.pick([
    `${service}.tencentcloudapi.com`,
    `${service}.${region}.tencentcloudapi.com`,
    `${service}.intl.tencentcloudapi.com`,
  ]);
  const { id, key } = c.secretPair(g);
  const timestampSec = g.int(1_400_000_000, 2_100_000_000);
  // Headers that are sent but not signed by either side; they must not change the signature.
  const sent: Record<string, string> = {
    'X-TC-Action': g.pick(c.TENCENT_ACTIONS),
    'X-TC-Version': '2017-03-12',
  };
  if (g.chance(0.7)) sent['X-TC-Region'] = region;
  if (g.chance(0.4)) sent['X-TC-Token'] = c.sessionToken(g);
  if (g.chance(0.2)) sent['X-TC-Language'] = g.pick(['zh-CN', 'en-US']);

  if (g.chance(0.2)) {
    const query = c.encodeQuery(c.randomQuery(g));
    const contentType = 'application/x-www-form-urlencoded';
    const url = `https://${host}/${query ? `?${query}` : ''}`;
    return {
      service,
      host,
      id,
      key,
      timestampSec,
      method: 'GET',
      url,
      contentType,
      query,
      body: '',
      payload: '',
      sent,
    };
  }
  const objectPayload = index % 2 === 0;
  const alphabet = objectPayload ? c.TEXT : [...c.TEXT, ...c.JSON2_ESCAPED];
  const params = c.randomObject(g, { alphabet });
  const body = JSON.stringify(params);
  const contentType = g.pick(['application/json', 'application/json; charset=utf-8']);
  const payload = objectPayload ? params : Buffer.from(body);
  return {
    service,
    host,
    id,
    key,
    timestampSec,
    method: 'POST',
    url: `https://${host}/`,
    contentType,
    query: '',
    body,
    payload,
    sent,
  };
}

describe('TC3-HMAC-SHA256 against tencentcloud-sdk-nodejs sign3', () => {
  it(`gives the same Authorization for ${CASES} generated requests`, () => {
    const g = gen(20240601);
    let nonAscii = 0;
    for (let i = 0; i < CASES; i++) {
      const t = tencentCase(g, i);
      const official = Sign.sign3({
        method: t.method,
        url: t.url,
        payload: t.payload,
        timestamp: t.timestampSec,
        service: t.service,
        secretId: t.id,
        secretKey: t.key,
        multipart: false,
        boundary: '',
        headers: { ...t.sent, 'Content-Type': t.contentType },
      });
      const ours = signTc3(
        {
          method: t.method,
          query: t.query,
          signedHeaders: { [c.recase(g, 'content-type')]: t.contentType, [c.recase(g, 'host')]: t.host },
          body: Buffer.from(t.body),
          timestampSec: t.timestampSec,
          service: t.service,
        },
        { secretId: t.id, secretKey: t.key },
      ).authorization;
      expect(ours, `case ${i}: ${t.method} ${t.url}`).toBe(official);
      if (/[\u0080-\uffff]/.test(t.body)) nonAscii++;
    }
    expect(nonAscii).toBeGreaterThan(CASES / 4);
  });
});

function huaweiCase(g: Gen) {
  const service = g.pick(c.HUAWEI_SERVICES);
  const region = g.pick(c.HUAWEI_REGIONS);
  const origin = g.pick([
    `https://${service}.${region}.myhuaweicloud.com`,
    `https://${service}.${region}.myhuaweicloud.com:8443`,
    `http://127.0.0.1:${g.int(1024, 65535)}`,
  ]);
  const projectId = c.hexId(g);
  const segments = [
    g.pick(['v1.0', 'v2', 'v3']),
    projectId,
    g.pick(['snapshots', 'backups', 'clusters', 'instances']),
  ];
  for (let n = g.int(0, 2); n > 0; n--) segments.push(g.chance(0.5) ? c.uuid(g) : c.pathSegment(g));
  const path = `/${segments.join('/')}${g.chance(0.2) ? '/' : ''}`;
  const method = g.pick(['GET', 'POST', 'PUT', 'DELETE'] as const);
  const body = method === 'POST' || method === 'PUT' ? c.randomObject(g, { alphabet: c.TEXT }) : undefined;
  const { id: ak, key: sk } = c.secretPair(g);
  return { service, region, origin, projectId, path, method, query: c.randomQuery(g), body, ak, sk };
}

describe('SDK-HMAC-SHA256 against @huaweicloud/huaweicloud-sdk-core AKSKSigner', () => {
  it(`gives the same Authorization for ${CASES} generated requests with varied header sets`, () => {
    const g = gen(20240602);
    for (let i = 0; i < CASES; i++) {
      const h = huaweiCase(g);
      const headers: Record<string, string> = {
        'X-Sdk-Date': sdkDate(g.int(946_684_800_000, 4_102_444_799_000)),
      };
      if (g.chance(0.9)) {
        headers[c.recase(g, 'content-type')] = g.pick([
          'application/json',
          'application/json;charset=UTF-8',
          'application/json; charset=utf-8',
        ]);
      }
      if (g.chance(0.8)) headers[c.recase(g, 'x-project-id')] = h.projectId;
      if (g.chance(0.3)) headers[c.recase(g, 'x-security-token')] = c.sessionToken(g);
      for (let n = g.int(0, 3); n > 0; n--) headers[c.recase(g, c.headerName(g))] = c.headerValue(g);
      const host = new URL(h.origin).host;

      const official = officialHuawei(
        {
          endpoint: `${h.origin}${h.path}`,
          method: h.method,
          headers: { ...headers },
          queryParams: structuredClone(h.query),
          data: h.body,
        },
        h.ak,
        h.sk,
      );
      const ours = signSdkHmac(
        {
          method: h.method,
          path: h.path,
          query: h.query,
          signedHeaders: { ...headers, host },
          body: h.body === undefined ? '' : JSON.stringify(h.body),
        },
        { ak: h.ak, sk: h.sk },
      ).authorization;
      expect(ours, `case ${i}: ${h.method} ${h.origin}${h.path}`).toBe(official);
    }
  });

  it('agrees with what our client actually sends, for 200 generated calls', async () => {
    const g = gen(20240603);
    const captured: HttpRequest[] = [];
    const throttle: Throttle = {
      acquire: async () => {},
      onThrottled: () => {},
      onAccepted: () => {},
      ratePerSecond: () => 1,
    };
    for (let i = 0; i < 200; i++) {
      const h = huaweiCase(g);
      const client = createHuaweiClient({
        credentials: { ak: h.ak, sk: h.sk, ...(g.chance(0.4) ? { securityToken: c.sessionToken(g) } : {}) },
        endpoint: g.chance(0.5) ? h.origin : undefined,
        throttle,
        clock: () => g.int(946_684_800_000, 4_102_444_799_000),
        transport: async (request) => {
          captured.push(request);
          return { status: 200, headers: {}, body: Buffer.from('{}') };
        },
      });
      const request: HuaweiRequest = { ...h, action: 'Call', query: h.query };
      await client.call(request);
      const sent = captured.at(-1) as HttpRequest;
      const url = sent.url as URL;
      const { Authorization: authorization, Host: host, ...unsigned } = sent.headers ?? {};
      // The Host header is the real regional host even when an endpoint override says where to
      // connect: that is the name signed, so it is the endpoint the official signer is given.
      const official = officialHuawei(
        {
          endpoint: `${url.protocol}//${host}${decodeURIComponent(url.pathname)}`,
          method: sent.method,
          headers: unsigned,
          queryParams: definedQuery(request.query),
          data: request.body,
        },
        h.ak,
        h.sk,
      );
      expect(authorization, `call ${i}: ${sent.method} ${url.href}`).toBe(official);
    }
  });
});
