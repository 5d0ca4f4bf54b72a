/** Huawei GaussDB(for MySQL) / TaurusDB manual full backups (`/v3/{project_id}/…`). */
import { huaweiRegions } from '../cloud/regions';
import type { KindPolicy } from '../policy/kind-fields';
import { backupKind } from './define';
import { GAUSSDB_MYSQL_RESPONSE_FIELDS } from './gaussdb-mysql-fields';
import {
  HUAWEI_BACKUP_OPTIONS,
  HUAWEI_IAM_DISCOVERY,
  HUAWEI_NAME_RULE,
  huaweiTags,
  projectIdFor,
} from './huawei-project';
import { applySelection, collectPages } from './select';
import { createdBackup } from './created-backup';
import type { Backup, BackupState, Resource } from './types';

export type GaussdbMysqlPolicy = KindPolicy<'gaussdb-mysql', typeof HUAWEI_BACKUP_OPTIONS>;

const SERVICE = 'gaussdb';
/** Both list APIs take limit 1–100. */
const PAGE_SIZE = 100;

interface GaussInstance {
  id: string;
  name?: string;
  tags?: Array<{ key?: string; value?: string }>;
}
interface GaussBackup {
  id: string;
  name: string;
  instance_id: string;
  status: string;
  type?: string;
}

/**
 * Huawei Java SDK com.huaweicloud.sdk.gaussdb.v3.model.Backups (huaweicloud-sdk-java-v3) status: BUILDING 备份中,
 * COMPLETED 备份完成, FAILED 备份失败, AVAILABLE 备份可用.
 */
const STATES: Record<string, BackupState> = {
  BUILDING: 'creating',
  COMPLETED: 'available',
  AVAILABLE: 'available',
  FAILED: 'failed',
};

export const gaussdbMysqlTarget = backupKind<GaussdbMysqlPolicy>({
  mode: 'backup',
  kind: 'gaussdb-mysql',
  cloud: 'huawei',
  function: 'database-backup',
  options: HUAWEI_BACKUP_OPTIONS,
  nameRule: HUAWEI_NAME_RULE,
  stuckAfterMs: 12 * 3_600_000,
  // TaurusDB's error codes (its API reference's error code table): DBS.200019 / DBS.200011 the
  // instance is busy with another operation, DBS.200002 it does not exist, DBS.200010 no
  // permission, DBS.05000000 / DBS.108000 / DBS.108002 transient server errors. TaurusDB
  // documents no manual-backup quota nor a code for one (sim/huawei/UNCONFIRMED.md).
  errors: {
    busy: ['DBS.200019', 'DBS.200011'],
    notFound: ['DBS.200002'],
    quota: [],
    transient: ['DBS.05000000', 'DBS.108000', 'DBS.108002'],
    auth: ['DBS.200010'],
  },
  knownRegions: huaweiRegions(SERVICE),
  // ShowGaussMySqlBackupList is asked per instance.
  listBatchSize: 1,
  responseFields: GAUSSDB_MYSQL_RESPONSE_FIELDS,
  // Huawei publishes no per-API rates for TaurusDB (UNCONFIRMED): 10/s, as for DWS.
  calls: {
    'gaussdb.ListGaussMySqlInstancesUnifyStatus': { perSecond: 10, action: 'gaussdb:instance:list' },
    'gaussdb.ShowGaussMySqlBackupList': { perSecond: 10, action: 'gaussdb:backup:list' },
    'gaussdb.CreateGaussMySqlBackup': { perSecond: 10, action: 'gaussdb:backup:create' },
    'gaussdb.DeleteGaussMySqlBackup': { perSecond: 10, action: 'gaussdb:backup:delete' },
  },
  grants: [HUAWEI_IAM_DISCOVERY],

  async discover(policy, region, clients) {
    const projectId = await projectIdFor(policy, region, clients);
    const tags = Object.entries(policy.select.tags);
    const instances = await collectPages(PAGE_SIZE, async (offset, limit) => {
      const { body } = await clients.huawei().call<{ instances?: GaussInstance[]; total_count?: number }>({
        service: SERVICE,
        // The recommended listing (the `/v3/` one is historical): huaweicloud-sdk-go-v3
        // 1cd70eb6f730ea721771a6ec8d96352bbb801787 gaussDB_meta.go ListGaussMySqlInstancesUnifyStatus.
        action: 'ListGaussMySqlInstancesUnifyStatus',
        region,
        method: 'GET',
        path: `/v3.1/${projectId}/instances`,
        projectId,
        query: {
          offset: String(offset),
          limit: String(limit),
          // Pairs are ANDed by the API, as ours are.
          tags: tags.length > 0 ? tags.map(([k, v]) => `${k}=${v}`).join(',') : undefined,
        },
      });
      return { items: body.instances ?? [], total: body.total_count ?? 0 };
    });
    const resources: Resource[] = instances.map((i) => ({
      id: i.id,
      region,
      name: i.name,
      tags: huaweiTags(i.tags),
    }));
    return applySelection(resources, policy.select);
  },

  async listBackups(policy, region, resources, clients) {
    const projectId = await projectIdFor(policy, region, clients);
    const entries = await Promise.all(
      resources.map(async (resource) => {
        const items = await collectPages(PAGE_SIZE, async (offset, limit) => {
          const { body } = await clients.huawei().call<{ backups?: GaussBackup[]; total_count?: number }>({
            service: SERVICE,
            action: 'ShowGaussMySqlBackupList',
            region,
            method: 'GET',
            path: `/v3/${projectId}/backups`,
            projectId,
            query: { instance_id: resource.id, offset: String(offset), limit: String(limit) },
          });
          return { items: body.backups ?? [], total: body.total_count ?? 0 };
        });
        const backups = items.map((b): Backup => ({
          id: b.id,
          name: b.name,
          resourceId: b.instance_id,
          state: STATES[b.status] ?? 'other',
          cloudState: b.status,
          manual: b.type !== 'auto',
        }));
        return [resource.id, backups] as const;
      }),
    );
    return new Map(entries);
  },

  async createBackup(policy, resource, name, clients) {
    const projectId = await projectIdFor(policy, resource.region, clients);
    const { body, requestId } = await clients.huawei().call<{ backup?: { id?: string } }>(
      {
        service: SERVICE,
        action: 'CreateGaussMySqlBackup',
        region: resource.region,
        method: 'POST',
        path: `/v3/${projectId}/backups/create`,
        projectId,
        body: { instance_id: resource.id, name, description: `scf-backup policy ${policy.name}` },
      },
      { mutating: true },
    );
    const answer = {
      cloud: 'huawei',
      api: 'gaussdb.CreateGaussMySqlBackup',
      field: 'backup.id',
      requestId,
    } as const;
    return createdBackup(answer, body.backup?.id);
  },

  async deleteBackup(policy, resource, backup, clients) {
    const projectId = await projectIdFor(policy, resource.region, clients);
    const { requestId } = await clients.huawei().call(
      {
        service: SERVICE,
        action: 'DeleteGaussMySqlBackup',
        region: resource.region,
        method: 'DELETE',
        path: `/v3/${projectId}/backups/${encodeURIComponent(backup.id)}`,
        projectId,
      },
      { mutating: true },
    );
    return { requestId };
  },
});
