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
import { regionalBackupFields, type KindPolicy } from '../policy/kind-fields';
import { applySelection, chunk, collectPages, tagsFromPairs } from './select';
import { createdBackup } from './created-backup';
import { backupKind } from './define';
import { CBS_DISK_RESPONSE_FIELDS } from './cbs-disk-fields';
import type { Backup, BackupState, Resource } from './types';

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

const OPTIONS = regionalBackupFields('tencent', {
  pattern: /^disk-[a-z0-9]+$/,
  label: 'a CBS disk id (disk-…)',
});
export type CbsDiskPolicy = KindPolicy<'cbs-disk', typeof OPTIONS>;

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

export const cbsDiskTarget = backupKind<CbsDiskPolicy>({
  mode: 'backup',
  kind: 'cbs-disk',
  cloud: 'tencent',
  function: 'disk-backup',
  options: OPTIONS,
  knownRegions: TENCENT_REGIONS,
  nameRule: { maxLength: 100, pattern: /^.{1,100}$/u },
  stuckAfterMs: 12 * 3_600_000,
  // CreateDiskBackup's error list (its API page; tencentcloud-sdk-go
  // cbs/v20170312/client.go @144f6c8). Quota: the disk's DiskBackupQuota is full.
  errors: {
    busy: ['InvalidDisk.Busy', 'ResourceInUse', 'ResourceUnavailable.SnapshotCreating'],
    notFound: ['InvalidDiskId.NotFound'],
    quota: ['ResourceInsufficient.OverQuota'],
  },
  // ModifyDiskBackupQuotaRequest.DiskBackupQuota (cbs_models.d.ts, SDK 4.1.313): "取值范围为1 ~ 1024".
  maxQuota: 1024,
  // One DescribeDiskBackups call filters up to DISK_ID_BATCH disks.
  listBatchSize: DISK_ID_BATCH,
  responseFields: CBS_DISK_RESPONSE_FIELDS,
  // Rates: the API pages' documented defaults (CBS 2017-03-12). CAM names CBS actions under `cvm:`
  // and scopes its mutating ones by region with `cvm:region`.
  calls: {
    'cbs.DescribeDisks': { perSecond: 100, action: 'cvm:DescribeDisks' },
    'cbs.DescribeDiskBackups': { perSecond: 20, action: 'cvm:DescribeDiskBackups' },
    'cbs.CreateDiskBackup': { perSecond: 20, action: 'cvm:CreateDiskBackup' },
    'cbs.DeleteDiskBackups': { perSecond: 20, action: 'cvm:DeleteDiskBackups' },
  },
  camRegionKey: 'cvm:region',

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
});
