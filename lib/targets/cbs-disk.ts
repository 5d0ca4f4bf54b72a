/** Tencent CBS cloud-disk backup points (cbs 2017-03-12; CAM names them under `cvm:`). */
import { TENCENT_REGIONS } from '../cloud/regions';
import type {
  CreateDiskBackupRequest,
  CreateDiskBackupResponse,
  DescribeDiskBackupsRequest,
  DescribeDiskBackupsResponse,
  DescribeDisksRequest,
  DescribeDisksResponse,
  DiskBackup,
  Filter,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_models';
import type { CbsDiskPolicy } from '../policy/schema';
import { applySelection, chunk, collectPages, tagsFromPairs } from './select';
import { createdBackup } from './created-backup';
import type { Backup, BackupState, BackupTarget, Resource } from './types';

const SERVICE = 'cbs';
const VERSION = '2017-03-12';
/** DescribeDisks and DescribeDiskBackups both cap Limit at 100. */
const PAGE_SIZE = 100;

/**
 * The `disk-id` filter's value cap is undocumented. 100: the largest `Limit` of both listings,
 * so a batch of disks is one page of DescribeDisks, and the cap the API introduction
 * (https://cloud.tencent.com/document/product/362/15633, "ids.N") gives id lists. Paging makes a
 * smaller real cap cost calls, never data: each batch is listed to its TotalCount.
 */
const DISK_ID_BATCH = 100;

/**
 * cbs_models.d.ts DiskBackup.DiskBackupState: NORMAL, CREATING, ROLLBACKING. ROLLBACKING: a disk
 * is being restored from it, so it is in use: never pruned (nor counted kept). There is no failed
 * state: a backup point whose creation failed is simply never NORMAL (see sim/UNCONFIRMED.md).
 */
const STATES: Record<string, BackupState> = {
  CREATING: 'creating',
  NORMAL: 'available',
  ROLLBACKING: 'other',
};

function toBackup(item: DiskBackup): Backup {
  const cloudState = item.DiskBackupState ?? 'UNKNOWN';
  return {
    id: item.DiskBackupId ?? '',
    name: item.DiskBackupName ?? '',
    resourceId: item.DiskId ?? '',
    state: STATES[cloudState] ?? 'other',
    cloudState,
    manual: true, // CBS backup points are always made on request.
  };
}

export const cbsDiskTarget: BackupTarget<CbsDiskPolicy> = {
  mode: 'backup',
  kind: 'cbs-disk',
  cloud: 'tencent',
  knownRegions: TENCENT_REGIONS,
  nameRule: { maxLength: 100, pattern: /^.{1,100}$/u },
  stuckAfterMs: 12 * 3_600_000,
  // CreateDiskBackup's error list (seeds/tencent-cbs-CreateDiskBackup.txt; tencentcloud-sdk-go
  // cbs/v20170312/client.go @144f6c8): the disk's DiskBackupQuota is full.
  quotaCodes: ['ResourceInsufficient.OverQuota'],
  // ModifyDiskBackupQuotaRequest.DiskBackupQuota (cbs_models.d.ts, SDK 4.1.313): "取值范围为1 ~ 1024".
  maxQuota: 1024,
  // One DescribeDiskBackups call filters up to DISK_ID_BATCH disks.
  listBatchSize: DISK_ID_BATCH,
  apis: ['cbs.DescribeDisks', 'cbs.DescribeDiskBackups', 'cbs.CreateDiskBackup', 'cbs.DeleteDiskBackups'],
  permissions: {
    tencentCam: [
      'cvm:DescribeDisks',
      'cvm:DescribeDiskBackups',
      'cvm:CreateDiskBackup',
      'cvm:DeleteDiskBackups',
    ],
  },

  async discover(policy, region, clients) {
    const { select } = policy;
    // Tags are filtered by the cloud; ids are asked for by `disk-id` so the two can combine.
    const tagFilters: Filter[] = Object.entries(select.tags).map(([key, value]) => ({
      Name: `tag:${key}`,
      Values: [value],
    }));
    const idChunks = select.ids.length > 0 && !select.all ? chunk(select.ids, DISK_ID_BATCH) : [undefined];
    const found: Resource[] = [];
    for (const ids of idChunks) {
      const filters = ids ? [...tagFilters, { Name: 'disk-id', Values: ids }] : tagFilters;
      const disks = await collectPages(PAGE_SIZE, async (Offset, Limit) => {
        const request: DescribeDisksRequest = {
          Offset,
          Limit,
          ...(filters.length > 0 ? { Filters: filters } : {}),
        };
        const response = await clients
          .tencent()
          .call<DescribeDisksResponse>(SERVICE, VERSION, 'DescribeDisks', region, request);
        return { items: response.DiskSet ?? [], total: response.TotalCount ?? 0 };
      });
      for (const disk of disks) {
        found.push({
          id: disk.DiskId ?? '',
          region,
          name: disk.DiskName,
          // Disk.DiskBackupQuota (cbs_models.d.ts): how many backup points the disk may keep.
          ...(disk.DiskBackupQuota ? { backupQuota: disk.DiskBackupQuota } : {}),
          tags: tagsFromPairs(
            disk.Tags,
            (t) => t.Key ?? '',
            (t) => t.Value ?? '',
          ),
        });
      }
    }
    return applySelection(found, select);
  },

  async listBackups(_policy, region, resources, clients) {
    // Only disks that have backups get an entry: 100,000 empty arrays are memory for nothing.
    const wanted = new Set(resources.map((r) => r.id));
    const byDisk = new Map<string, Backup[]>();
    // One filter value list per 100 disks: a 2,000-disk policy lists in 20 calls, not 2,000.
    for (const ids of chunk(
      resources.map((r) => r.id),
      DISK_ID_BATCH,
    )) {
      const items = await collectPages(PAGE_SIZE, async (Offset, Limit) => {
        const request: DescribeDiskBackupsRequest = {
          Filters: [{ Name: 'disk-id', Values: ids }],
          Offset,
          Limit,
        };
        const response = await clients
          .tencent()
          .call<DescribeDiskBackupsResponse>(SERVICE, VERSION, 'DescribeDiskBackups', region, request);
        return { items: response.DiskBackupSet ?? [], total: response.TotalCount ?? 0 };
      });
      for (const item of items) {
        const diskId = item.DiskId ?? '';
        if (!wanted.has(diskId)) continue;
        const list = byDisk.get(diskId);
        if (list) list.push(toBackup(item));
        else byDisk.set(diskId, [toBackup(item)]);
      }
    }
    return byDisk;
  },

  async createBackup(_policy, resource, name, clients) {
    const request: CreateDiskBackupRequest = { DiskId: resource.id, DiskBackupName: name };
    const response = await clients
      .tencent()
      .call<CreateDiskBackupResponse>(SERVICE, VERSION, 'CreateDiskBackup', resource.region, request, {
        mutating: true,
      });
    const answer = { cloud: 'tencent', api: 'cbs.CreateDiskBackup', field: 'DiskBackupId' } as const;
    return createdBackup({ ...answer, requestId: response.RequestId }, response.DiskBackupId);
  },

  async deleteBackup(_policy, resource, backup, clients) {
    const response = await clients
      .tencent()
      .call(
        SERVICE,
        VERSION,
        'DeleteDiskBackups',
        resource.region,
        { DiskBackupIds: [backup.id] },
        { mutating: true },
      );
    return { requestId: response.RequestId };
  },
};
