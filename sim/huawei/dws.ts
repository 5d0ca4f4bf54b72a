/**
 * GaussDB(DWS) snapshot APIs under `/v1.0/{project_id}` (the GaussDB(DWS) API reference). DWS reports
 * a missing resource as 403 `DWS.0015` ("not found or no permission"): it has no 404 code.
 */
import type { HuaweiRouteRequest, HuaweiRouteResponse, HuaweiRouteSpec } from '../types';
import { HuaweiApiError } from '../types';
import { isSnapshotting, renderCluster, renderSnapshot } from './dws-render';
import { defineRoute, dwsInvalid as invalid, dwsNotFound as notFound } from './routing';
import type { DwsSnapshot, HuaweiState } from './state';
import { DWS_PENDING, dwsSnapshotStatus, stableSize } from './state';
import { isDwsDescription, isDwsName, isPlainObject, optionalText, page, readIntParam } from './validate';

function byStartDesc(a: DwsSnapshot, b: DwsSnapshot): number {
  return b.startedMs - a.startedMs || a.id.localeCompare(b.id);
}

function createSnapshot(state: HuaweiState, { body, nowMs }: HuaweiRouteRequest): HuaweiRouteResponse {
  if (body === undefined || body === null || (isPlainObject(body) && Object.keys(body).length === 0)) {
    throw new HuaweiApiError(400, 'DWS.0006', 'Empty request.');
  }
  if (!isPlainObject(body) || !isPlainObject(body.snapshot)) throw invalid('snapshot is required');
  const { name, cluster_id: clusterId, description } = body.snapshot;
  if (!isDwsName(name)) {
    throw invalid('snapshot.name must be 4 to 64 letters, digits, - or _, starting with a letter');
  }
  if (typeof clusterId !== 'string' || clusterId === '') throw invalid('snapshot.cluster_id is required');
  const text = optionalText(description);
  if (!isDwsDescription(text))
    throw invalid('snapshot.description is over 256 characters or contains !<>\'=&"');
  if (!state.clusters.some((c) => c.id === clusterId)) throw notFound(`cluster ${clusterId}`);
  // UNCONFIRMED: the document says only "must be unique" (case-insensitive). Uniqueness is taken
  // project-wide, like cluster names, and a clash is the generic 400 DWS.0001.
  const lower = name.toLowerCase();
  if (state.snapshots.some((s) => s.name.toLowerCase() === lower)) {
    throw invalid(`snapshot name ${name} already exists`);
  }
  // UNCONFIRMED: the code for a second snapshot while one is running; DWS.0011 is the documented
  // "another operation is running on the instance" (reference §7.1).
  if (isSnapshotting(state, clusterId, nowMs)) {
    throw new HuaweiApiError(409, 'DWS.0011', 'The cluster is busy: a snapshot is being created.');
  }
  const id = state.ids.uuid();
  state.snapshots.push({
    id,
    clusterId,
    name,
    description: text as string,
    startedMs: nowMs,
    type: 'MANUAL',
    status: DWS_PENDING,
    ...(state.failsBackupOf(clusterId) ? { failing: true } : {}),
    sizeGb: stableSize(id, 400) / 4,
  });
  return { status: 200, body: { snapshot: { id } } };
}

function listSnapshots(state: HuaweiState, { nowMs }: HuaweiRouteRequest): HuaweiRouteResponse {
  // UNCONFIRMED: order; newest first. The API has no paging and no filters.
  const snapshots = [...state.snapshots].sort(byStartDesc).map((s) => renderSnapshot(state, s, nowMs));
  return { status: 200, body: { snapshots, count: snapshots.length } };
}

function findSnapshot(state: HuaweiState, id: string | undefined): DwsSnapshot {
  const snapshot = state.snapshots.find((s) => s.id === id);
  if (!snapshot) throw notFound(`snapshot ${id ?? ''}`);
  return snapshot;
}

function showSnapshot(state: HuaweiState, { params, nowMs }: HuaweiRouteRequest): HuaweiRouteResponse {
  const snapshot = findSnapshot(state, params.snapshot_id);
  return { status: 200, body: { snapshot: renderSnapshot(state, snapshot, nowMs) } };
}

function deleteSnapshot(state: HuaweiState, { params, nowMs }: HuaweiRouteRequest): HuaweiRouteResponse {
  const snapshot = findSnapshot(state, params.snapshot_id);
  // UNCONFIRMED: the code for deleting an automated snapshot. 400 DWS.0001 (not 403) so that no
  // client can mistake the refusal for "already gone".
  if (snapshot.type === 'AUTO') throw invalid('automated snapshots cannot be deleted');
  if (dwsSnapshotStatus(state, snapshot, nowMs) === DWS_PENDING) {
    throw new HuaweiApiError(409, 'DWS.0011', 'The snapshot is being created and cannot be deleted.');
  }
  // UNCONFIRMED: 202 suggests deletion finishes later; no state for it is documented, so the
  // snapshot disappears at once.
  state.snapshots.splice(state.snapshots.indexOf(snapshot), 1);
  return { status: 202 };
}

/**
 * `enterprise_project_id`: `all_granted_eps` lists every enterprise project's clusters, another
 * value that one's (huaweicloud-sdk-go-v3 1cd70eb6f730ea721771a6ec8d96352bbb801787,
 * model_list_clusters_request.go). UNCONFIRMED: without it, only the default project (`0`).
 */
function listClusters(state: HuaweiState, { nowMs, query }: HuaweiRouteRequest): HuaweiRouteResponse {
  const wanted = query.get('enterprise_project_id') ?? '0';
  const clusters = state.clusters
    .filter((c) => wanted === 'all_granted_eps' || c.enterpriseProjectId === wanted)
    .map((c) => renderCluster(state, c, nowMs));
  return { status: 200, body: { clusters, count: clusters.length } };
}

const SORT_KEYS: Record<string, (s: DwsSnapshot, state: HuaweiState) => string | number> = {
  name: (s) => s.name,
  clusterName: (s, state) => state.clusters.find((c) => c.id === s.clusterId)?.name ?? '',
  startTime: (s) => s.startedMs,
};

function listClusterSnapshots(state: HuaweiState, request: HuaweiRouteRequest): HuaweiRouteResponse {
  const { params, query, nowMs } = request;
  const clusterId = params.cluster_id ?? '';
  if (!state.clusters.some((c) => c.id === clusterId)) throw notFound(`cluster ${clusterId}`);
  const limit = readIntParam(query, 'limit', { min: 1, fallback: undefined });
  const offset = readIntParam(query, 'offset', { min: 0, fallback: 0 });
  if (limit === null) throw invalid('limit must be a positive integer');
  if (offset === null || offset === undefined) throw invalid('offset must be a non-negative integer');
  // UNCONFIRMED: the defaults when sort_key / sort_dir are absent; newest first.
  const sortKey = SORT_KEYS[query.get('sort_key') ?? 'startTime'];
  const sortDir = query.get('sort_dir') ?? 'desc';
  if (!sortKey) throw invalid('sort_key must be name, clusterName or startTime');
  if (sortDir !== 'asc' && sortDir !== 'desc') throw invalid('sort_dir must be asc or desc');
  const sign = sortDir === 'asc' ? 1 : -1;
  const matching = state.snapshots
    .filter((s) => s.clusterId === clusterId)
    .sort((a, b) => {
      const [x, y] = [sortKey(a, state), sortKey(b, state)];
      return (x < y ? -sign : x > y ? sign : 0) || a.id.localeCompare(b.id);
    });
  const snapshots = page(matching, offset, limit).map((s) => renderSnapshot(state, s, nowMs));
  // UNCONFIRMED: `count` is the number matching before paging, so a client can page.
  const body = { snapshots, count: matching.length, project_id: state.projectId, cluster_id: clusterId };
  return { status: 200, body };
}

export function createDwsRoutes(state: HuaweiState): HuaweiRouteSpec[] {
  const snapshotPath = '/snapshots/(?<snapshot_id>[^/]+)';
  return [
    defineRoute(state, 'dws', 'CreateSnapshot', 'POST', '/snapshots', createSnapshot),
    defineRoute(state, 'dws', 'ListSnapshots', 'GET', '/snapshots', listSnapshots),
    defineRoute(state, 'dws', 'ListSnapshotDetails', 'GET', snapshotPath, showSnapshot),
    defineRoute(state, 'dws', 'DeleteSnapshot', 'DELETE', snapshotPath, deleteSnapshot),
    defineRoute(state, 'dws', 'ListClusters', 'GET', '/clusters', listClusters),
    // Not one of the nine: the per-cluster list with paging and sorting (reference §7.2).
    defineRoute(
      state,
      'dws',
      'ListClusterSnapshots',
      'GET',
      '/clusters/(?<cluster_id>[^/]+)/snapshots',
      listClusterSnapshots,
    ),
  ];
}
