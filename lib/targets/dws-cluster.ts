/** Huawei GaussDB(DWS) cluster snapshots (`/v1.0/{project_id}/…`). */
import { CloudError } from '../errors/cloud-error';
import { huaweiRegions } from '../cloud/regions';
import type { KindPolicy } from '../policy/kind-fields';
import { backupKind } from './define';
import { DWS_CLUSTER_RESPONSE_FIELDS } from './dws-cluster-fields';
import {
  HUAWEI_BACKUP_OPTIONS,
  HUAWEI_IAM_DISCOVERY,
  HUAWEI_NAME_RULE,
  huaweiTags,
  projectIdFor,
} from './huawei-project';
import { applySelection } from './select';
import { createdBackup } from './created-backup';
import type { Backup, BackupState } from './types';

export type DwsClusterPolicy = KindPolicy<'dws-cluster', typeof HUAWEI_BACKUP_OPTIONS>;

const SERVICE = 'dws';
/**
 * ListClusters `enterprise_project_id`: "all_granted_eps" lists the clusters of every enterprise
 * project the caller may see (huaweicloud-sdk-go-v3 1cd70eb6f730ea721771a6ec8d96352bbb801787,
 * services/dws/v2/model/model_list_clusters_request.go); without it only the default one's.
 */
const ALL_ENTERPRISE_PROJECTS = 'all_granted_eps';
/** DWS answers a missing cluster or snapshot with 403 DWS.0015 ("does not exist or no permission"). */
const GONE = 'DWS.0015';

interface DwsCluster {
  id: string;
  name?: string;
  tags?: Array<{ key?: string; value?: string }>;
}
interface DwsSnapshot {
  id: string;
  name: string;
  cluster_id: string;
  status: string;
  type?: string;
}

/**
 * huaweicloud-sdk-go-v3 services/dws/v2/model/model_snapshot.go (@a832d27) Status: CREATING 创建中,
 * AVAILABLE 可用, UNAVAILABLE 不可用, RESTORING 恢复中 (being restored from: in use, so
 * never pruned, like CBS ROLLBACKING),
 * FROZEN / POLICE_FROZEN (frozen with the account: neither good nor failed, so 'other').
 */
const STATES: Record<string, BackupState> = {
  CREATING: 'creating',
  AVAILABLE: 'available',
  RESTORING: 'other',
  UNAVAILABLE: 'failed',
};

export const dwsClusterTarget = backupKind<DwsClusterPolicy>({
  mode: 'backup',
  kind: 'dws-cluster',
  cloud: 'huawei',
  function: 'warehouse-backup',
  options: HUAWEI_BACKUP_OPTIONS,
  nameRule: HUAWEI_NAME_RULE,
  stuckAfterMs: 24 * 3_600_000,
  // DWS error codes (its API reference's error code table): DWS.0011 the cluster is busy with
  // another task; DWS has no 404: 403 DWS.0015 is "the cluster or snapshot does not exist (or is
  // not yours)"; DWS.0005 a transient server error. DWS documents no snapshot-count quota nor a
  // code for one (sim/huawei/UNCONFIRMED.md).
  errors: { busy: ['DWS.0011'], notFound: [GONE], quota: [], transient: ['DWS.0005'] },
  knownRegions: huaweiRegions(SERVICE),
  // ListSnapshots lists the whole project in one call.
  listBatchSize: Number.POSITIVE_INFINITY,
  responseFields: DWS_CLUSTER_RESPONSE_FIELDS,
  // Huawei publishes no per-API rates for DWS (UNCONFIRMED): 10/s is a conservative choice well
  // under the gateway's reported 200/s default. Actions: the policy-authorization names of the
  // DWS API reference ("Permissions Policies and Supported Actions").
  calls: {
    'dws.ListClusters': { perSecond: 10, action: 'dws:openAPICluster:list' },
    'dws.ListSnapshots': { perSecond: 10, action: 'dws:openAPISnapshot:list' },
    'dws.CreateSnapshot': { perSecond: 10, action: 'dws:openAPISnapshot:create' },
    'dws.DeleteSnapshot': { perSecond: 10, action: 'dws:openAPISnapshot:delete' },
  },
  grants: [HUAWEI_IAM_DISCOVERY],

  async discover(policy, region, clients) {
    const projectId = await projectIdFor(policy, region, clients);
    // ListClusters has no tag filter and no paging: select on our side, across enterprise projects.
    const { body } = await clients.huawei().call<{ clusters?: DwsCluster[] }>({
      service: SERVICE,
      action: 'ListClusters',
      region,
      method: 'GET',
      path: `/v1.0/${projectId}/clusters`,
      projectId,
      query: { enterprise_project_id: ALL_ENTERPRISE_PROJECTS },
    });
    const resources = (body.clusters ?? []).map((c) => ({
      id: c.id,
      region,
      name: c.name,
      tags: huaweiTags(c.tags),
    }));
    return applySelection(resources, policy.select);
  },

  async listBackups(policy, region, resources, clients) {
    const projectId = await projectIdFor(policy, region, clients);
    // One call lists every snapshot of the project; group by cluster.
    const { body } = await clients.huawei().call<{ snapshots?: DwsSnapshot[] }>({
      service: SERVICE,
      action: 'ListSnapshots',
      region,
      method: 'GET',
      path: `/v1.0/${projectId}/snapshots`,
      projectId,
    });
    const byCluster = new Map<string, Backup[]>(resources.map((r) => [r.id, []]));
    for (const snapshot of body.snapshots ?? []) {
      byCluster.get(snapshot.cluster_id)?.push({
        id: snapshot.id,
        name: snapshot.name,
        resourceId: snapshot.cluster_id,
        state: STATES[snapshot.status] ?? 'other',
        cloudState: snapshot.status,
        manual: snapshot.type !== 'AUTO',
      });
    }
    return byCluster;
  },

  async createBackup(policy, resource, name, clients) {
    const projectId = await projectIdFor(policy, resource.region, clients);
    const { body, requestId } = await clients.huawei().call<{ snapshot?: { id?: string } }>(
      {
        service: SERVICE,
        action: 'CreateSnapshot',
        region: resource.region,
        method: 'POST',
        path: `/v1.0/${projectId}/snapshots`,
        projectId,
        body: {
          snapshot: { name, cluster_id: resource.id, description: `scf-backup policy ${policy.name}` },
        },
      },
      { mutating: true },
    );
    const answer = { cloud: 'huawei', api: 'dws.CreateSnapshot', field: 'snapshot.id', requestId } as const;
    return createdBackup(answer, body.snapshot?.id);
  },

  async deleteBackup(policy, resource, backup, clients) {
    const projectId = await projectIdFor(policy, resource.region, clients);
    try {
      const { requestId } = await clients.huawei().call(
        {
          service: SERVICE,
          action: 'DeleteSnapshot',
          region: resource.region,
          method: 'DELETE',
          path: `/v1.0/${projectId}/snapshots/${encodeURIComponent(backup.id)}`,
          projectId,
        },
        { mutating: true },
      );
      return { requestId };
    } catch (error) {
      // Already gone (someone deleted it, or an earlier attempt whose answer was lost): pruned.
      if (error instanceof CloudError && error.code === GONE) return { requestId: error.requestId };
      throw error;
    }
  },
});
