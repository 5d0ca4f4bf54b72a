/**
 * The CBS snapshot calls the cbs-snapshot kind makes, one function each (cbs 2017-03-12; request
 * and answer shapes from tencentcloud-sdk-nodejs cbs/v20170312/cbs_models.d.ts). Shared by the
 * backups in the disk's region and their copies in the destination regions.
 */
import type {
  CopySnapshotCrossRegionsResponse,
  CreateSnapshotRequest,
  CreateSnapshotResponse,
  DescribeSnapshotsRequest,
  DescribeSnapshotsResponse,
  Filter,
  Snapshot,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_models';
import { CloudError } from '../errors/cloud-error';
import { chunk, collectPages } from './select';
import { createdBackup } from './created-backup';
import type { Backup, BackupState, CloudClientSet, CreatedBackup, Resource } from './types';

const SERVICE = 'cbs';
const VERSION = '2017-03-12';
/** DescribeSnapshotsRequest.Limit: "默认为20，最大值为100". */
const PAGE_SIZE = 100;
/** DescribeSnapshotsRequest.Filters disk-id: "一次最多只能传入10个值". */
export const FILTER_VALUES = 10;

/**
 * Snapshot.SnapshotState. ROLLBACKING (a disk is restored from it) and the copy states are in
 * use: never pruned, nor counted as kept. TORECYCLE (待回收) is on its way out: not a backup.
 */
const STATES: Readonly<Record<string, BackupState>> = {
  NORMAL: 'available',
  CREATING: 'creating',
  COPYING_FROM_REMOTE: 'creating',
  CHECKING_COPIED: 'creating',
  ROLLBACKING: 'other',
  TORECYCLE: 'failed',
};

export function toBackup(item: Snapshot): Backup {
  const cloudState = item.SnapshotState ?? 'UNKNOWN';
  return {
    id: item.SnapshotId ?? '',
    name: item.SnapshotName ?? '',
    resourceId: item.DiskId ?? '',
    state: STATES[cloudState] ?? 'other',
    cloudState,
    // Snapshots a scheduled snapshot policy made carry its id; ours and hand-made ones do not.
    manual: !item.AutoSnapshotPolicyId,
  };
}

/** Every snapshot in `region` whose `filter` value is one of `values` (10 values a call). */
export async function describeSnapshots(
  clients: CloudClientSet,
  region: string,
  filter: 'disk-id' | 'snapshot-name',
  values: string[],
): Promise<Snapshot[]> {
  const found: Snapshot[] = [];
  for (const batch of chunk(values, FILTER_VALUES)) {
    const filters: Filter[] = [{ Name: filter, Values: batch }];
    const items = await collectPages(PAGE_SIZE, async (Offset, Limit) => {
      const request: DescribeSnapshotsRequest = { Filters: filters, Offset, Limit };
      const response = await clients
        .tencent()
        .call<DescribeSnapshotsResponse>(SERVICE, VERSION, 'DescribeSnapshots', region, request);
      return { items: response.SnapshotSet ?? [], total: response.TotalCount ?? 0 };
    });
    found.push(...items);
  }
  return found;
}

/** `2022-01-08T09:47:55+00:00`, the shape CreateSnapshotRequest.Deadline's example has. */
export function deadlineText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

export async function createSnapshot(
  clients: CloudClientSet,
  region: string,
  request: CreateSnapshotRequest,
): Promise<CreatedBackup> {
  const response = await clients
    .tencent()
    .call<CreateSnapshotResponse>(SERVICE, VERSION, 'CreateSnapshot', region, request, { mutating: true });
  const answer = { cloud: 'tencent', api: 'cbs.CreateSnapshot', field: 'SnapshotId' } as const;
  return createdBackup({ ...answer, requestId: response.RequestId }, response.SnapshotId);
}

export async function deleteSnapshot(clients: CloudClientSet, region: string, id: string) {
  const response = await clients
    .tencent()
    .call(SERVICE, VERSION, 'DeleteSnapshots', region, { SnapshotIds: [id] }, { mutating: true });
  return { requestId: response.RequestId };
}

/** Copies one snapshot to one region; the copy's id, or the per-region refusal as a CloudError. */
export async function copySnapshot(
  clients: CloudClientSet,
  region: string,
  snapshotId: string,
  destination: string,
  name: string,
): Promise<CreatedBackup> {
  const request = { SnapshotId: snapshotId, DestinationRegions: [destination], SnapshotName: name };
  const response = await clients
    .tencent()
    .call<CopySnapshotCrossRegionsResponse>(SERVICE, VERSION, 'CopySnapshotCrossRegions', region, request, {
      mutating: true,
    });
  const api = 'cbs.CopySnapshotCrossRegions';
  // SnapshotCopyResult.Code: "成功时取值为“Success”"; otherwise this region's error.
  const result = response.SnapshotCopyResultSet?.find((r) => r.DestinationRegion === destination);
  if (result?.Code !== undefined && result.Code !== 'Success') {
    const message = result.Message ?? '';
    throw new CloudError({
      cloud: 'tencent',
      api,
      code: result.Code,
      message,
      requestId: response.RequestId,
    });
  }
  const answer = { cloud: 'tencent', api, field: 'SnapshotCopyResultSet[].SnapshotId' } as const;
  return createdBackup({ ...answer, requestId: response.RequestId }, result?.SnapshotId);
}

/** Each disk's snapshots in its own region; copies from elsewhere are left to the copy logic. */
export async function listSnapshots(region: string, resources: Resource[], clients: CloudClientSet) {
  const wanted = new Set(resources.map((r) => r.id));
  const byDisk = new Map<string, Backup[]>();
  const items = await describeSnapshots(clients, region, 'disk-id', [...wanted]);
  for (const item of items) {
    if (item.CopyFromRemote || !wanted.has(item.DiskId ?? '')) continue;
    const backup = toBackup(item);
    const list = byDisk.get(backup.resourceId);
    if (list) list.push(backup);
    else byDisk.set(backup.resourceId, [backup]);
  }
  return byDisk;
}
