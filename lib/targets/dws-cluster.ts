/** Huawei GaussDB(DWS) cluster snapshots (`/v1.0/{project_id}/…`). */
import type { DwsClusterPolicy } from '../policy/schema';
import { HUAWEI_NAME_RULE, huaweiTags, projectIdFor } from './huawei-project';
import { applySelection } from './select';
import { createdBackup } from './created-backup';
import type { Backup, BackupState, BackupTarget } from './types';

const SERVICE = 'dws';

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

const STATES: Record<string, BackupState> = {
  CREATING: 'creating',
  AVAILABLE: 'available',
  UNAVAILABLE: 'failed',
};

export const dwsClusterTarget: BackupTarget<DwsClusterPolicy> = {
  mode: 'backup',
  kind: 'dws-cluster',
  cloud: 'huawei',
  nameRule: HUAWEI_NAME_RULE,
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
    ],
  },

  async discover(policy, region, clients) {
    const projectId = projectIdFor(policy, clients);
    // ListClusters has no tag filter and no paging: select on our side.
    const { body } = await clients.huawei().call<{ clusters?: DwsCluster[] }>({
      service: SERVICE,
      action: 'ListClusters',
      region,
      method: 'GET',
      path: `/v1.0/${projectId}/clusters`,
      projectId,
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
    const projectId = projectIdFor(policy, clients);
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
    const projectId = projectIdFor(policy, clients);
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
    const projectId = projectIdFor(policy, clients);
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
  },
};
