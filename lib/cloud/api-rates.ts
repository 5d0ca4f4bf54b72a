import { TARGETS } from '../targets/registry';

/**
 * The documented rates, in calls per second, of the calls that belong to no backup kind: the
 * function's own SCF calls (continuation, deploy) and Huawei IAM project discovery. Each kind's
 * rates are declared in its descriptor (lib/targets/<kind>.ts, `calls`).
 */
export const NON_KIND_RATES_PER_SECOND: Readonly<Record<string, number>> = {
  // Tencent SCF 2018-04-16. Invoke: "A maximum of 100 requests can be initiated per second"
  // (https://tencentcloud.com/document/api/583/17243). ListTriggers: 20/s (默认接口请求频率限制:
  // 20次/秒, https://cloud.tencent.com/document/api/583/44268). CreateTrigger: 100/s
  // (https://cloud.tencent.com/document/product/867/18589). The other management calls: 100/s
  // as the SCF API pages give it (not re-read page by page).
  'scf.Invoke': 100,
  'scf.GetFunction': 100,
  'scf.CreateFunction': 100,
  'scf.UpdateFunctionCode': 100,
  'scf.UpdateFunctionConfiguration': 100,
  'scf.ListTriggers': 20,
  'scf.CreateTrigger': 100,
  'scf.DeleteTrigger': 100,
  // Tencent SSM 2019-09-23 GetSecretValue: 300/s (intl.cloud.tencent.com/document/api/1078/38649);
  // once per invocation, to read the Huawei keys (lib/cloud/huawei-secret.ts).
  'ssm.GetSecretValue': 300,
  // Huawei IAM KeystoneListProjects: project-id discovery, once per region per invocation.
  // Huawei publishes no per-API figure (UNCONFIRMED): 10/s, well under the gateway's 200/s.
  'iam.KeystoneListProjects': 10,
};

/**
 * Each API's documented default rate, keyed `<service>.<Action>`: the kinds' declared calls and
 * the calls of no kind. The client paces to these figures.
 */
export const API_RATES_PER_SECOND: Readonly<Record<string, number>> = {
  ...NON_KIND_RATES_PER_SECOND,
  ...Object.fromEntries(
    Object.values(TARGETS).flatMap((target) =>
      Object.entries(target.calls).map(([api, call]) => [api, call.perSecond] as const),
    ),
  ),
};

/** For an action missing from the table: conservative, so an unknown API is never flooded. */
export const DEFAULT_RATE_PER_SECOND = 5;

/**
 * Tencent counts a rate per API + access host + sub-account, so a client paces one lane per
 * (action, host): `cbs.DescribeDisks@cbs.ap-shanghai-fsi.tencentcloudapi.com`.
 */
export function paceLane(apiKey: string, host: string): string {
  return `${apiKey}@${host}`;
}

/** The documented rate of an API key, or of a pacing lane (`<api>@<host>`). */
export function rateFor(apiKey: string, overrides?: Readonly<Record<string, number>>): number {
  const at = apiKey.indexOf('@');
  const api = at < 0 ? apiKey : apiKey.slice(0, at);
  return overrides?.[api] ?? API_RATES_PER_SECOND[api] ?? DEFAULT_RATE_PER_SECOND;
}
