/**
 * Shared by the simulator tests: a movable clock, the official Tencent SDK's httpProfile pointed
 * at a simulator, and raw signed requests (our own signers) for the cases an official client
 * refuses to produce: stale timestamps, wrong signatures, missing tokens, odd headers.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import { sdkDate, signSdkHmac } from '../../lib/signing/sdk-hmac';
import { signTc3 } from '../../lib/signing/tc3';
import type { RunningSimulator } from '../../sim';

/** Wall time plus an offset the test moves: signatures stay fresh while backups age. */
export function movableClock(): { now(): number; advance(ms: number): void } {
  let offsetMs = 0;
  return {
    now: () => Date.now() + offsetMs,
    advance: (ms) => {
      offsetMs += ms;
    },
  };
}

/** Frozen at the wall time of its creation, moved only by advance(): exact ages, fresh signatures. */
export function steppedClock(): { now(): number; advance(ms: number): void } {
  let nowMs = Date.now();
  return {
    now: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
    },
  };
}

// `<service>.tencentcloudapi.com` must keep its name (the SDK takes the service from it and
// signs it as the host) but reach the simulator: resolve every name to loopback.
const toLoopback = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as LookupFunction;

export const loopbackAgent = new Agent({ keepAlive: true, lookup: toLoopback });

/** `profile` for an official client: `new cbs.v20170312.Client({credential, region, profile})`. */
export function sdkProfile(sim: RunningSimulator, service: string): { httpProfile: Record<string, unknown> } {
  return {
    httpProfile: {
      protocol: 'http://',
      endpoint: `${service}.tencentcloudapi.com:${sim.port}`,
      agent: loopbackAgent,
      reqTimeout: 10,
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export function rawRequest(
  url: string,
  options: {
    method: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(options.path ?? '/', url);
    const req = httpRequest(
      target,
      { method: options.method, headers: options.headers, agent: false, timeout: options.timeoutMs ?? 5000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface Tc3Call {
  service: string;
  action: string;
  version: string;
  params?: Record<string, unknown>;
  region?: string;
  credentials?: { secretId: string; secretKey: string; token?: string };
  timestampSec?: number;
  /** Header names to sign beyond content-type and host (values as sent). */
  alsoSign?: string[];
  /** Replaces the Authorization header entirely. */
  authorization?: string;
  headers?: Record<string, string>;
  /** Sent instead of what was signed: a header or the body changed in transit. */
  tamper?: { headers?: Record<string, string>; body?: string };
  timeoutMs?: number;
}

/** A Tencent API 3.0 call signed by lib/signing (host signed as sent, with the port). */
export function tc3Call(sim: RunningSimulator, call: Tc3Call): Promise<RawResponse> {
  const creds: { secretId: string; secretKey: string; token?: string } =
    call.credentials ?? sim.credentials.tencent;
  const body = JSON.stringify(call.params ?? {});
  const timestampSec = call.timestampSec ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Host: new URL(sim.url).host,
    'X-TC-Action': call.action,
    'X-TC-Version': call.version,
    'X-TC-Timestamp': String(timestampSec),
    ...(call.region ? { 'X-TC-Region': call.region } : {}),
    ...(creds.token ? { 'X-TC-Token': creds.token } : {}),
    ...call.headers,
  };
  const signed: Record<string, string> = { 'content-type': 'application/json', host: headers.Host ?? '' };
  for (const name of call.alsoSign ?? []) {
    const key = Object.keys(headers).find((h) => h.toLowerCase() === name) ?? name;
    signed[name] = headers[key] ?? '';
  }
  const { authorization } = signTc3(
    { method: 'POST', signedHeaders: signed, body, timestampSec, service: call.service },
    creds,
  );
  headers.Authorization = call.authorization ?? authorization;
  Object.assign(headers, call.tamper?.headers);
  const sent = call.tamper?.body ?? body;
  return rawRequest(sim.url, { method: 'POST', headers, body: sent, timeoutMs: call.timeoutMs });
}

export interface HuaweiCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  ak?: string;
  sk?: string;
  dateMs?: number;
  projectHeader?: string;
  /** The Host header (and signed host): a real regional host name; default the simulator's. */
  host?: string;
  timeoutMs?: number;
}

/** A Huawei REST call signed by lib/signing, signing content-type, host, x-project-id, x-sdk-date. */
export function huaweiCall(sim: RunningSimulator, call: HuaweiCall): Promise<RawResponse> {
  const { ak, sk, projectId } = sim.credentials.huawei;
  const body = call.body === undefined ? '' : JSON.stringify(call.body);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json;charset=UTF-8',
    Host: call.host ?? new URL(sim.url).host,
    'X-Project-Id': call.projectHeader ?? projectId,
    'X-Sdk-Date': sdkDate(call.dateMs ?? Date.now()),
  };
  // An empty projectHeader sends none, as IAM's project listing (the discovery itself) does.
  if (call.projectHeader === '') delete headers['X-Project-Id'];
  const { authorization } = signSdkHmac(
    { method: call.method, path: call.path, query: call.query, signedHeaders: { ...headers }, body },
    { ak: call.ak ?? ak, sk: call.sk ?? sk },
  );
  headers.Authorization = authorization;
  const search = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
  return rawRequest(sim.url, {
    method: call.method,
    path: `${call.path}${search}`,
    headers,
    body: body || undefined,
    timeoutMs: call.timeoutMs,
  });
}

export const CBS = { service: 'cbs', version: '2017-03-12' } as const;
export const CDB = { service: 'cdb', version: '2017-03-20' } as const;
export const TKE = { service: 'tke', version: '2018-05-25' } as const;
export const GZ = 'ap-guangzhou';
