/** TencentDB for MySQL manual backups (cdb 2017-03-20). */
import { TENCENT_REGIONS } from '../cloud/regions';
import type {
  BackupInfo,
  CreateBackupRequest,
  CreateBackupResponse,
  DeleteBackupRequest,
  DescribeBackupsRequest,
  DescribeBackupsResponse,
  DescribeDBInstancesRequest,
  DescribeDBInstancesResponse,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/cdb/v20170320/cdb_models';
import { regionalBackupFields, type KindPolicy } from '../policy/kind-fields';
import { cdbOptions } from './cdb-mysql-options';
import { applySelection, collectPages, tagsFromPairs } from './select';
import { createdBackup } from './created-backup';
import { backupKind } from './define';
import { CDB_MYSQL_RESPONSE_FIELDS } from './cdb-mysql-fields';
import type { Backup, BackupState, Resource } from './types';

const OPTIONS = {
  ...regionalBackupFields('tencent', {
    pattern: /^cdb-[a-z0-9]+$/,
    label: 'a TencentDB for MySQL instance id (cdb-…)',
  }),
  options: cdbOptions,
};
export type CdbMysqlPolicy = KindPolicy<'cdb-mysql', typeof OPTIONS>;

const SERVICE = 'cdb';
const VERSION = '2017-03-20';
const INSTANCE_PAGE_SIZE = 100;
/** The Chinese doc says 1000, the international one 100 (UNCONFIRMED): 100 is safe for both. */
const BACKUP_PAGE_SIZE = 100;

/**
 * `InstanceTypes` / `InstanceType`: 1 primary, 2 disaster recovery, 3 read-only
 * (tencentcloud-sdk-nodejs 4.1.313 cdb_models.d.ts, DescribeDBInstancesRequest.InstanceTypes).
 */
const PRIMARY = 1;
const NON_PRIMARY: Record<number, string> = { 2: 'a disaster-recovery', 3: 'a read-only' };

function notPrimary(id: string, type: number): { reason: string; code: string } {
  const what = NON_PRIMARY[type] ?? `an InstanceType ${type}`;
  return {
    code: 'NotAPrimaryInstance',
    reason: `${id} is ${what} instance: CDB backs up primary instances only (back up its primary)`,
  };
}

/** cdb_models.d.ts BackupInfo.Status: "SUCCESS" 备份成功, "FAILED" 备份失败, "RUNNING" 备份进行中. */
const STATES: Record<string, BackupState> = { RUNNING: 'creating', SUCCESS: 'available', FAILED: 'failed' };

function toBackup(item: BackupInfo, instanceId: string): Backup {
  const cloudState = item.Status ?? 'UNKNOWN';
  return {
    id: String(item.BackupId ?? ''),
    name: item.ManualBackupName ?? '',
    resourceId: item.InstanceId ?? instanceId,
    state: STATES[cloudState] ?? 'other',
    cloudState,
    manual: item.Way === 'manual',
  };
}

export const cdbMysqlTarget = backupKind<CdbMysqlPolicy>({
  mode: 'backup',
  kind: 'cdb-mysql',
  cloud: 'tencent',
  function: 'database-backup',
  options: OPTIONS,
  knownRegions: TENCENT_REGIONS,
  nameRule: { maxLength: 60, pattern: /^.{1,60}$/u },
  stuckAfterMs: 12 * 3_600_000,
  // CreateBackup's error list (its API page; tencentcloud-sdk-go
  // cdb/v20170320/client.go @144f6c8): "OverQuota: Limit exceeded"; ActionInProcess: "the
  // instance is running another task"; StatusConflict / TaskConflictError: task conflicts.
  errors: {
    busy: [
      'OperationDenied.ActionInProcess',
      'FailedOperation.TaskConflictError',
      'FailedOperation.StatusConflict',
    ],
    notFound: ['InvalidParameter.InstanceNotFound'],
    quota: ['OverQuota'],
  },
  // DescribeBackups takes one instance.
  listBatchSize: 1,
  responseFields: CDB_MYSQL_RESPONSE_FIELDS,
  // Rates: the API pages' documented defaults (CDB 2017-03-20).
  calls: {
    'cdb.DescribeDBInstances': { perSecond: 100, action: 'cdb:DescribeDBInstances' },
    'cdb.DescribeBackups': { perSecond: 10, action: 'cdb:DescribeBackups' },
    'cdb.CreateBackup': { perSecond: 5, action: 'cdb:CreateBackup' },
    'cdb.DeleteBackup': { perSecond: 100, action: 'cdb:DeleteBackup' },
  },

  async discover(policy, region, clients) {
    const { select } = policy;
    const byIds = select.ids.length > 0 && !select.all;
    const tags = Object.entries(select.tags).map(([Key, Value]) => ({ Key, Value }));
    const instances = await collectPages(INSTANCE_PAGE_SIZE, async (Offset, Limit) => {
      const request: DescribeDBInstancesRequest = {
        Offset,
        Limit,
        // Without InstanceTypes the listing also holds read-only and disaster-recovery instances.
        // Ids are asked for whatever their type, so a non-primary named by id can be reported.
        ...(byIds ? { InstanceIds: select.ids } : { InstanceTypes: [PRIMARY] }),
        ...(tags.length > 0 ? { Tags: tags } : {}),
      };
      const response = await clients
        .tencent()
        .call<DescribeDBInstancesResponse>(SERVICE, VERSION, 'DescribeDBInstances', region, request);
      return { items: response.Items ?? [], total: response.TotalCount ?? 0 };
    });
    const resources: Resource[] = instances.map((instance) => ({
      id: instance.InstanceId ?? '',
      region,
      name: instance.InstanceName,
      tags: tagsFromPairs(
        instance.TagList,
        (t) => t.TagKey ?? '',
        (t) => t.TagValue ?? '',
      ),
      ...(instance.InstanceType !== undefined && instance.InstanceType !== PRIMARY
        ? { refusal: notPrimary(instance.InstanceId ?? '', instance.InstanceType) }
        : {}),
    }));
    return applySelection(resources, select);
  },

  async listBackups(_policy, region, resources, clients) {
    // DescribeBackups takes one instance per call; the throttle keeps these at 10/s.
    const entries = await Promise.all(
      resources.map(async (resource) => {
        const items = await collectPages(BACKUP_PAGE_SIZE, async (Offset, Limit) => {
          const request: DescribeBackupsRequest = { InstanceId: resource.id, Offset, Limit };
          const response = await clients
            .tencent()
            .call<DescribeBackupsResponse>(SERVICE, VERSION, 'DescribeBackups', region, request);
          return { items: response.Items ?? [], total: response.TotalCount ?? 0 };
        });
        return [resource.id, items.map((item) => toBackup(item, resource.id))] as const;
      }),
    );
    return new Map(entries);
  },

  async createBackup(policy, resource, name, clients) {
    const { method, tables } = policy.options;
    const request: CreateBackupRequest = {
      InstanceId: resource.id,
      BackupMethod: method,
      ManualBackupName: name,
      ...(method === 'logical' && tables && tables.length > 0
        ? {
            BackupDBTableList: tables.map(({ db, table }) => ({
              Db: db,
              ...(table ? { Table: table } : {}),
            })),
          }
        : {}),
    };
    const response = await clients
      .tencent()
      .call<CreateBackupResponse>(SERVICE, VERSION, 'CreateBackup', resource.region, request, {
        mutating: true,
      });
    const answer = { cloud: 'tencent', api: 'cdb.CreateBackup', field: 'BackupId' } as const;
    return createdBackup({ ...answer, requestId: response.RequestId }, response.BackupId);
  },

  async deleteBackup(_policy, resource, backup, clients) {
    const request: DeleteBackupRequest = { InstanceId: resource.id, BackupId: Number(backup.id) };
    const response = await clients
      .tencent()
      .call(SERVICE, VERSION, 'DeleteBackup', resource.region, request, { mutating: true });
    return { requestId: response.RequestId };
  },
});
