/**
 * A running simulator seeded with the Huawei fixture, and `call()`: one request built the way
 * the official SDK builds it (endpoint = base URL + path, `X-Project-Id`, `host`, the query
 * serialised with node:querystring as its axios paramsSerializer does, body = JSON.stringify of
 * the signed data), signed by the official `@huaweicloud/huaweicloud-sdk-core` AKSKSigner and
 * sent with node:http.
 */
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { request as httpRequest } from 'node:http';
import { stringify } from 'node:querystring';
import { startSimulator, type RunningSimulator } from '../../sim';
import { huaweiSeed } from './huawei-fixture';

export interface Sent {
  status: number;
  requestId: string | undefined;
  raw: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export interface SignedCallOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** Sign with this secret key instead of the simulator's. */
  sk?: string;
  /** Send this `X-Project-Id` instead of the simulator's project. */
  projectHeader?: string;
}

export function signedCall(
  sim: RunningSimulator,
  method: string,
  path: string,
  options: SignedCallOptions = {},
): Promise<Sent> {
  const { ak, sk, projectId } = sim.credentials.huawei;
  const headers: Record<string, string> = {
    'X-Project-Id': options.projectHeader ?? projectId,
    host: new URL(sim.url).host,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json;charset=UTF-8';
  const request = {
    endpoint: `${sim.url}${path}`,
    method,
    headers,
    queryParams: options.query ?? {},
    data: options.body,
  };
  const credential = new BasicCredentials()
    .withAk(ak)
    .withSk(options.sk ?? sk)
    .withProjectId(projectId);
  const signed = AKSKSigner.sign(request, credential) as Record<string, string>;
  const query = options.query ? `?${stringify(options.query)}` : '';
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${sim.url}${path}${query}`, { method, headers: signed }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const requestId = res.headers['x-request-id'] as string | undefined;
        resolve({ status: res.statusCode ?? 0, requestId, raw, body: raw ? JSON.parse(raw) : undefined });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Starts a simulator on the Huawei fixture with rate limits off. Its clock is wall time (the
 * gateway refuses an X-Sdk-Date over 15 minutes away) plus an offset that `advance` moves.
 */
export async function startHuaweiSim(transitionMs: number) {
  let offsetMs = 0;
  const sim = await startSimulator({
    port: 0,
    seed: { huawei: huaweiSeed() },
    rateLimits: false,
    transitionMs,
    clock: { now: () => Date.now() + offsetMs },
  });
  return {
    sim,
    call: (method: string, path: string, options?: SignedCallOptions) =>
      signedCall(sim, method, path, options),
    advance(ms: number): void {
      offsetMs += ms;
    },
  };
}
