/**
 * Each API's documented default rate, in calls per second, keyed `<service>.<Action>`.
 * The client paces to these figures and the simulator enforces them: one table, so the two
 * can never disagree. Sources: reference/cloud-apis.md §3–5, reference/scf-and-alerts.md §4.
 */
export const API_RATES_PER_SECOND: Readonly<Record<string, number>> = {
  // Tencent CBS 2017-03-12
  'cbs.CreateDiskBackup': 20,
  'cbs.DescribeDiskBackups': 20,
  'cbs.DeleteDiskBackups': 20,
  'cbs.DescribeDisks': 100,
  // Tencent CDB 2017-03-20
  'cdb.CreateBackup': 5,
  'cdb.DescribeBackups': 10,
  'cdb.DeleteBackup': 100,
  'cdb.DescribeDBInstances': 100,
  // Tencent TKE 2018-05-25
  'tke.CreateBackupStorageLocation': 20,
  'tke.DescribeBackupStorageLocations': 20,
  'tke.DeleteBackupStorageLocation': 20,
  // Tencent SCF 2018-04-16. Invoke: "A maximum of 100 requests can be initiated per second"
  // (https://tencentcloud.com/document/api/583/17243). ListTriggers: 20/s (默认接口请求频率限制:
  // 20次/秒, https://cloud.tencent.com/document/api/583/44268). CreateTrigger: 100/s
  // (https://cloud.tencent.com/document/product/867/18589). The other management calls: 100/s
  // as the SCF API pages give it (issue 10's reading; not re-read page by page here).
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
  // Huawei publishes no per-API figures for DWS or GaussDB(for MySQL) (UNCONFIRMED): 10/s is a
  // conservative choice well under the gateway's reported 200/s default.
  'dws.CreateSnapshot': 10,
  'dws.ListSnapshots': 10,
  'dws.ListSnapshotDetails': 10,
  'dws.DeleteSnapshot': 10,
  'dws.ListClusters': 10,
  'gaussdb.CreateGaussMySqlBackup': 10,
  'gaussdb.ShowGaussMySqlBackupList': 10,
  'gaussdb.DeleteGaussMySqlBackup': 10,
  'gaussdb.ListGaussMySqlInstances': 10,
  'gaussdb.ListGaussMySqlInstancesUnifyStatus': 10,
  // Huawei IAM KeystoneListProjects: project-id discovery, once per region per invocation.
  'iam.KeystoneListProjects': 10,
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
