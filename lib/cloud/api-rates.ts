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
  // Tencent SCF 2018-04-16: the docs give 10, 20 or 100 depending on the revision; take the lowest.
  'scf.Invoke': 10,
  // SCF function management (scf-backup deploy). The API pages we could read give 20/s
  // (GetFunctionAddress) and 100/s (CreateFunction); 20/s for every one of them is the
  // conservative reading (UNCONFIRMED per action). A deploy makes a few dozen calls at most.
  'scf.GetFunction': 20,
  'scf.CreateFunction': 20,
  'scf.UpdateFunctionCode': 20,
  'scf.UpdateFunctionConfiguration': 20,
  'scf.ListTriggers': 20,
  'scf.CreateTrigger': 20,
  'scf.DeleteTrigger': 20,
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
};

/** For an action missing from the table: conservative, so an unknown API is never flooded. */
export const DEFAULT_RATE_PER_SECOND = 5;

export function rateFor(apiKey: string, overrides?: Readonly<Record<string, number>>): number {
  return overrides?.[apiKey] ?? API_RATES_PER_SECOND[apiKey] ?? DEFAULT_RATE_PER_SECOND;
}
