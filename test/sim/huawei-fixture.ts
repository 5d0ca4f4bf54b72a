/**
 * A Huawei sim cloud on a fake clock, and `call()`, which dispatches the way the core does (method
 * plus anchored path pattern, named groups as params) and renders HuaweiApiError as the body.
 */
import { createHuaweiSimCloud } from '../../sim/huawei';
import type { SimSeed } from '../../sim/types';
import { HuaweiApiError } from '../../sim/types';

export const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const CLUSTER_PROD = '44b277eb-39be-4921-be31-3d61b43651d7';
export const CLUSTER_DEV = '5d3f6a1c-2b4e-4c8d-9e0f-1a2b3c4d5e6f';
export const DB_ORDERS = '07033b125fd94a8a96896f8bcfee6ddain07';
export const DB_ORDERS_TEST = '17033b125fd94a8a96896f8bcfee6ddain07';
export const DB_BILLING = '27033b125fd94a8a96896f8bcfee6ddain07';
/** 2026-11-24T18:00:00Z, i.e. 2026-11-25T02:00:00+0800. */
export const START_MS = Date.UTC(2026, 10, 24, 18, 0, 0);
export const TRANSITION_MS = 60_000;

export function huaweiSeed(): NonNullable<SimSeed['huawei']> {
  return {
    projectId: PROJECT,
    dwsClusters: [
      { id: CLUSTER_PROD, region: 'cn-north-4', name: 'dw-prod', tags: { backup: 'nightly', env: 'prod' } },
      { id: CLUSTER_DEV, region: 'cn-north-4', name: 'dw-dev' },
    ],
    gaussdbInstances: [
      { id: DB_ORDERS, region: 'cn-north-4', name: 'orders-db', tags: { backup: 'nightly', env: 'prod' } },
      {
        id: DB_ORDERS_TEST,
        region: 'cn-north-4',
        name: 'orders-db-test',
        tags: { backup: 'nightly', env: 'test' },
      },
      { id: DB_BILLING, region: 'cn-north-4', name: 'billing', tags: {} },
    ],
    dwsSnapshots: [
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000001',
        clusterId: CLUSTER_PROD,
        name: 'auto-20261120',
        started: '2026-11-20T02:00:00Z',
        type: 'AUTO',
      },
      { clusterId: CLUSTER_PROD, name: 'scfb-lookalike-1', started: '2026-11-21T02:00:00Z' },
    ],
    gaussdbBackups: [
      {
        id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbr07',
        instanceId: DB_ORDERS,
        name: 'auto-orders',
        beginTime: '2026-11-20T02:00:00+0800',
        type: 'auto',
      },
      { instanceId: DB_ORDERS, name: 'manual-old', beginTime: '2026-11-21T03:00:00+08:00' },
      { instanceId: DB_BILLING, name: 'billing-old', beginTime: '2026-11-22T03:00:00Z' },
    ],
  };
}

export interface CallResult {
  status: number;
  body?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export function makeCloud(seed: SimSeed['huawei'] = huaweiSeed()) {
  const clock = { ms: START_MS, now: () => clock.ms };
  const cloud = createHuaweiSimCloud(seed, { transitionMs: TRANSITION_MS }, clock);
  function call(method: string, target: string, body?: unknown): CallResult {
    const [path = '', search = ''] = target.split('?');
    const query = new URLSearchParams(search);
    for (const route of cloud.routes) {
      const match = route.method === method ? route.path.exec(path) : null;
      if (!match) continue;
      try {
        return route.handle({ params: { ...match.groups }, query, body, nowMs: clock.now() });
      } catch (error) {
        if (!(error instanceof HuaweiApiError)) throw error;
        return { status: error.status, body: { error_code: error.code, error_msg: error.message } };
      }
    }
    throw new Error(`no route for ${method} ${path}`);
  }
  const advance = (ms: number): void => {
    clock.ms += ms;
  };
  return { cloud, clock, call, advance };
}

/** Expect a Huawei error answer: status and code. */
export function errorOf(result: CallResult): [number, string] {
  return [result.status, result.body?.error_code];
}

export const dws = (rest: string): string => `/v1.0/${PROJECT}${rest}`;
export const gauss = (rest: string): string => `/v3/${PROJECT}${rest}`;
