/** Huawei GaussDB(DWS) cluster snapshots (`/v1.0/{project_id}/…`). */
import { CloudError } from '../cloud/errors';
import { huaweiRegions } from '../cloud/regions';
import type { DwsClusterPolicy } from '../policy/schema';
import { HUAWEI_IAM_DISCOVERY, HUAWEI_NAME_RULE, huaweiTags, projectIdFor } from './huawei-project';
import { applySelection } from './select';
import { createdBackup } from './created-backup';
import type { Backup, BackupState, BackupTarget } from './types';

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

export const dwsClusterTarget: BackupTarget<DwsClusterPolicy> = {
  mode: 'backup',
  kind: 'dws-cluster',
  cloud: 'huawei',
  nameRule: HUAWEI_NAME_RULE,
  stuckAfterMs: 24 * 3_600_000,
  // DWS documents no snapshot-count quota nor a code for one (sim/huawei/UNCONFIRMED.md).
  quotaCodes: [],
  knownRegions: huaweiRegions(SERVICE),
  // ListSnapshots lists the whole project in one call.
  listBatchSize: Number.POSITIVE_INFINITY,
  apis: ['dws.ListClusters', 'dws.ListSnapshots', 'dws.CreateSnapshot', 'dws.DeleteSnapshot'],
  permissions: {
    // The policy-authorization action names of the DWS API reference ("Permissions Policies and Supported Actions").
    huaweiIam: [
      'dws:openAPICluster:list',
      'dws:openAPISnapshot:list',
      'dws:openAPISnapshot:create',
      'dws:openAPISnapshot:delete',
      HUAWEI_IAM_DISCOVERY,
    ],
  },

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
};
