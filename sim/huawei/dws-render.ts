/**
 * DWS records as the API prints them (fields per the GaussDB(DWS) API reference and the
 * Go SDK's `Snapshots` / `ClusterInfo` models). Everything time-dependent is derived from `nowMs`.
 */
import { formatDwsTime, uuidFromKey } from './format';
import type { DwsCluster, DwsSnapshot, HuaweiState } from './state';
import { DWS_PENDING, dwsSnapshotStatus } from './state';

const DWS_VERSION = '8.1.3.320';

export function isSnapshotting(state: HuaweiState, clusterId: string, nowMs: number): boolean {
  return state.snapshots.some(
    (s) => s.clusterId === clusterId && dwsSnapshotStatus(state, s, nowMs) === DWS_PENDING,
  );
}

/** `20160823_035923`: the SDK's example key is the start time in this form. */
function backupKey(ms: number): string {
  return formatDwsTime(ms).replace(/[-:]/g, '').replace('T', '_').replace('Z', '');
}

export function renderSnapshot(state: HuaweiState, s: DwsSnapshot, nowMs: number): Record<string, unknown> {
  const status = dwsSnapshotStatus(state, s, nowMs);
  const creating = status === DWS_PENDING;
  const cluster = state.clusters.find((c) => c.id === s.clusterId);
  const finishedMs = s.startedMs + state.transitionMs;
  const done = Math.min(99, Math.floor(((nowMs - s.startedMs) / Math.max(1, state.transitionMs)) * 100));
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    started: formatDwsTime(s.startedMs),
    // UNCONFIRMED: what `finished` holds while a snapshot is still CREATING; null is the choice a
    // client must cope with (the SDK types it as a plain string).
    finished: creating ? null : formatDwsTime(finishedMs),
    size: creating ? 0 : s.sizeGb,
    status,
    type: s.type,
    cluster_id: s.clusterId,
    datastore: { type: 'dws', version: DWS_VERSION },
    cluster_name: cluster?.name ?? '',
    updated: formatDwsTime(creating ? s.startedMs : finishedMs),
    db_user: 'dbadmin',
    progress: creating ? `${Math.max(0, done)}%` : '100%',
    backup_key: backupKey(s.startedMs),
    prior_backup_key: 'FULL',
    base_backup_key: backupKey(s.startedMs),
    base_backup_name: s.name,
    backup_device: 'OBS',
    total_backup_size: creating ? 0 : Math.round(s.sizeGb * 1024 * 1024),
    support_inplace_restore: true,
    fine_grained_backup: false,
    backup_level: 'cluster',
    cluster_status: 'ACTIVE',
    cluster_task_status: creating ? 'SNAPSHOTTING' : null,
  };
}

export function renderCluster(state: HuaweiState, c: DwsCluster, nowMs: number): Record<string, unknown> {
  const snapshotting = isSnapshotting(state, c.id, nowMs);
  return {
    id: c.id,
    name: c.name,
    status: 'ACTIVE',
    sub_status: 'NORMAL',
    // UNCONFIRMED: an idle cluster's task_status; null (the SDK types it as a plain string).
    task_status: snapshotting ? 'SNAPSHOTTING' : null,
    action_progress: snapshotting ? { SNAPSHOTTING: '50%' } : {},
    version: DWS_VERSION,
    created: formatDwsTime(c.createdMs),
    updated: formatDwsTime(c.createdMs),
    port: 8000,
    endpoints: [
      {
        connect_info: `${c.name}.dws.myhuaweicloud.com:8000`,
        jdbc_url: `jdbc:postgresql://${c.name}.dws.myhuaweicloud.com:8000/gaussdb`,
      },
    ],
    public_endpoints: [],
    nodes: [1, 2, 3].map((n) => ({ id: uuidFromKey(`${c.id}:node:${n}`), status: '200' })),
    number_of_node: 3,
    node_type: 'dws.m3.xlarge',
    tags: Object.entries(c.tags).map(([key, value]) => ({ key, value })),
    user_name: 'dbadmin',
    recent_event: 0,
    availability_zone: `${c.region}a`,
    enterprise_project_id: c.enterpriseProjectId,
    vpc_id: uuidFromKey(`${c.id}:vpc`),
    subnet_id: uuidFromKey(`${c.id}:subnet`),
    security_group_id: uuidFromKey(`${c.id}:sg`),
    public_ip: null,
  };
}
