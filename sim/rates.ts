/**
 * The simulator's own rate table: each action's request-frequency limit as the cloud publishes
 * it, in calls per second, keyed `<service>.<Action>`. Transcribed from the API pages (one
 * citation per row), NOT imported from the client's pacing table (lib/cloud/api-rates.ts): a
 * wrong figure there must meet a refusal here, not agree with itself.
 * test/unit/sim-rates.test.ts checks every served action has a row and the client never paces
 * above one.
 */
const TC = 'https://www.tencentcloud.com/document/api';

interface RateRow {
  perSecond: number;
  /** The page that states the figure. */
  source: string;
}

export const SIM_RATES: Readonly<Record<string, RateRow>> = {
  // CBS 2017-03-12, API category table ("Frequency Limit (maximum requests per second)").
  'cbs.CreateDiskBackup': { perSecond: 20, source: `${TC}/362/15634 (and 362/53930)` },
  'cbs.DescribeDiskBackups': { perSecond: 20, source: `${TC}/362/15634` },
  'cbs.DeleteDiskBackups': { perSecond: 20, source: `${TC}/362/15634` },
  'cbs.DescribeDisks': { perSecond: 100, source: `${TC}/362/15634` },
  // CBS snapshots, each action's own page: "A maximum of 20 requests can be initiated per second".
  'cbs.CreateSnapshot': { perSecond: 20, source: `${TC}/362/15648` },
  'cbs.DescribeSnapshots': { perSecond: 20, source: `${TC}/362/15647` },
  'cbs.DeleteSnapshots': { perSecond: 20, source: `${TC}/362/15645` },
  'cbs.CopySnapshotCrossRegions': {
    perSecond: 20,
    source: `${TC}/362/45941`,
  },
  // CDB (TencentDB for MySQL) 2017-03-20, each action's own page.
  'cdb.CreateBackup': { perSecond: 5, source: `${TC}/236/15844` },
  'cdb.DescribeBackups': { perSecond: 10, source: `${TC}/236/15842` },
  'cdb.DeleteBackup': { perSecond: 100, source: `${TC}/236/15841` },
  'cdb.DescribeDBInstances': {
    perSecond: 100,
    source: `${TC}/236/15872 (cloud.tencent.cn/document/product/236/15872: 100次/秒)`,
  },
  // TKE 2018-05-25, each action's own page.
  'tke.CreateBackupStorageLocation': { perSecond: 20, source: `${TC}/457/55012` },
  'tke.DescribeBackupStorageLocations': { perSecond: 20, source: `${TC}/457/55010` },
  'tke.DeleteBackupStorageLocation': { perSecond: 20, source: `${TC}/457/55011` },
  // SCF 2018-04-16: Invoke's own page; the rest from their pages or the API category table.
  'scf.Invoke': { perSecond: 100, source: `${TC}/583/17243` },
  'scf.UpdateFunctionConfiguration': { perSecond: 100, source: `${TC}/583/18580` },
  'scf.UpdateFunctionCode': { perSecond: 100, source: `${TC}/583/18581` },
  'scf.CreateTrigger': { perSecond: 100, source: `${TC}/583/18589 (and category table 583/17235)` },
  'scf.DeleteTrigger': { perSecond: 100, source: `${TC}/583/17235 (category table)` },
  'scf.ListTriggers': { perSecond: 20, source: `${TC}/583/17235 (category table)` },
  // UNCONFIRMED (sim/UNCONFIRMED.md): no page we could read states these two.
  'scf.GetFunction': { perSecond: 100, source: 'UNCONFIRMED: SCF management figure (sim/UNCONFIRMED.md)' },
  'scf.CreateFunction': { perSecond: 100, source: 'UNCONFIRMED: SCF management figure (sim/UNCONFIRMED.md)' },
  // SSM 2019-09-23 GetSecretValue: "A maximum of 300 requests can be initiated per second".
  'ssm.GetSecretValue': {
    perSecond: 300,
    source: `${TC}/1078/38649 (read at intl.cloud.tencent.com/document/api/1078/38649)`,
  },
  // Huawei publishes no per-API figure for DWS or GaussDB(for MySQL) (sim/huawei/UNCONFIRMED.md).
  'dws.CreateSnapshot': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'dws.ListSnapshots': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'dws.ListClusterSnapshots': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'dws.ListSnapshotDetails': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'dws.DeleteSnapshot': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'dws.ListClusters': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'gaussdb.CreateGaussMySqlBackup': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'gaussdb.ShowGaussMySqlBackupList': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'gaussdb.DeleteGaussMySqlBackup': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'gaussdb.ListGaussMySqlInstances': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
  'gaussdb.ListGaussMySqlInstancesUnifyStatus': {
    perSecond: 10,
    source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)',
  },
  'iam.KeystoneListProjects': { perSecond: 10, source: 'UNCONFIRMED (sim/huawei/UNCONFIRMED.md)' },
};

/** An action without a row (none the simulator serves: tested) gets a strict 5/s. */
export const SIM_DEFAULT_RATE_PER_SECOND = 5;

export function simRateFor(apiKey: string): number {
  return SIM_RATES[apiKey]?.perSecond ?? SIM_DEFAULT_RATE_PER_SECOND;
}
