/**
 * The check that re-signs every Tencent request of a test run with the official SDK's sign3
 * (test/setup/sign3-every-request.ts) sees what our client sends, agrees with it, and would
 * notice a signer that parts from sign3 while still agreeing with itself (as the simulator does,
 * since it verifies with our own code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTencentClient } from '../../lib/cloud/tencent';
import { sha256Hex } from '../../lib/signing/hash';
import { signTc3 } from '../../lib/signing/tc3';
import { createThrottle } from '../../lib/throttle/throttle';
import { startSimulator, type RunningSimulator } from '../../sim';
import { observeTencentRequests, type AuthenticatedTencentRequest } from '../../sim/observe';
import { sign3Disagreement } from '../helpers/official-tc3';

let sim: RunningSimulator;
const seen: AuthenticatedTencentRequest[] = [];
let stop: () => void;

beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false });
  stop = observeTencentRequests((request) => seen.push(request));
  const { tencent, tencentSession } = sim.credentials;
  const throttle = createThrottle();
  const long = createTencentClient({ credentials: tencent, endpoint: sim.url, throttle });
  const session = createTencentClient({
    credentials: { ...tencentSession, sessionToken: tencentSession.token },
    endpoint: sim.url,
    throttle,
  });
  await long.call('cbs', '2017-03-12', 'DescribeDisks', 'ap-guangzhou', { Limit: 100 });
  await long.call('cdb', '2017-03-20', 'DescribeDBInstances', 'ap-guangzhou', { Limit: 100 });
  await session.call('tke', '2018-05-25', 'DescribeBackupStorageLocations', 'ap-guangzhou', {});
  // Non-ASCII bytes in the body: both signers must hash the bytes as sent.
  await long.call('cbs', '2017-03-12', 'DescribeDiskBackups', 'ap-guangzhou', {
    Filters: [{ Name: 'disk-id', Values: ['disk-夜间-备份 ✓'] }],
  });
});
afterAll(async () => {
  stop();
  await sim.stop();
});

describe('the official sign3 check of every Tencent request', () => {
  it('sees each request our client sent and agrees with our signer on every one', () => {
    expect(seen.map((r) => r.headers['x-tc-action'])).toEqual([
      'DescribeDisks',
      'DescribeDBInstances',
      'DescribeBackupStorageLocations',
      'DescribeDiskBackups',
    ]);
    for (const request of seen) expect(sign3Disagreement(request)).toBeUndefined();
  });

  it('names a signer that hashes other bytes than those sent', () => {
    const reserialized = (request: Parameters<typeof signTc3>[0], keys: Parameters<typeof signTc3>[1]) =>
      signTc3({ ...request, body: JSON.stringify(JSON.parse(request.body.toString()), null, 1) }, keys)
        .authorization;
    const [first] = seen;
    expect(sign3Disagreement(first as AuthenticatedTencentRequest, reserialized)).toMatch(
      /^cbs\.DescribeDisks: ours .* ≠ sign3 /,
    );
  });

  it('requires a request signed exactly as sign3 signs to carry sign3’s Authorization', () => {
    const [first] = seen as [AuthenticatedTencentRequest];
    const sdkStyle = signTc3(
      {
        method: 'POST',
        signedHeaders: { 'content-type': 'application/json', host: '127.0.0.1' },
        body: first.body,
        timestampSec: first.timestampSec,
        service: 'cbs',
      },
      { secretId: first.secretId, secretKey: first.secretKey },
    ).authorization;
    const headers = { ...first.headers, host: '127.0.0.1' };
    expect(sign3Disagreement({ ...first, headers: { ...headers, authorization: sdkStyle } })).toBeUndefined();
    const otherKey = sdkStyle.replace(/Signature=\w+/, `Signature=${sha256Hex('forged')}`);
    expect(sign3Disagreement({ ...first, headers: { ...headers, authorization: otherKey } })).toMatch(
      /^cbs\.DescribeDisks: sent .* ≠ sign3 /,
    );
  });
});
