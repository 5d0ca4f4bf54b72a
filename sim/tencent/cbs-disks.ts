/**
 * CBS 2017-03-12 DescribeDisks (the CBS 2017-03-12 API documentation): discovery by id and by tag.
 * Disks are read-only here; every seeded disk is an unattached pay-as-you-go data disk unless
 * the seed says otherwise.
 */
import { TencentApiError, type TencentActionSpec } from '../types';
import { chinaDateTime } from './format';
import { invalidValue, ordered, page, readParams, requireRegion, type Filter } from './params';
import type { DiskRecord, TencentState } from './state';

const PAGING = { defaultLimit: 20, maxLimit: 100 } as const;

const DESCRIBE_DISKS_PARAMS = {
  DiskIds: 'stringList',
  Filters: 'filters',
  Offset: 'integer',
  Limit: 'integer',
  OrderField: 'string',
  Order: 'string',
  ReturnBindAutoSnapshotPolicy: 'boolean',
} as const;

const DISK_TYPE = 'CLOUD_PREMIUM';
const DISK_STATE = 'UNATTACHED';
const CHARGE_TYPE = 'POSTPAID_BY_HOUR';

/** Documented filters, each reading the values a disk offers for it. Tag filters are below. */
const DISK_FILTERS: Readonly<Record<string, (d: DiskRecord) => readonly string[]>> = {
  'disk-id': (d) => [d.id],
  'disk-name': (d) => [d.name],
  'disk-usage': (d) => [d.usage],
  'disk-type': () => [DISK_TYPE],
  'disk-state': () => [DISK_STATE],
  'disk-charge-type': () => [CHARGE_TYPE],
  portable: () => ['TRUE'],
  'project-id': () => ['0'],
  zone: (d) => [d.zone],
  'tag-key': (d) => Object.keys(d.tags),
  'tag-value': (d) => Object.values(d.tags),
  // Unattached disks belong to no instance and no dedicated cluster, so these match nothing.
  'instance-id': () => [],
  'instance-ip-address': () => [],
  'instance-name': () => [],
  'dedicated-cluster-id': () => [],
  'cluster-group-id': () => [],
};

const TAG_FILTER_PREFIX = 'tag:';

function filterValues(disk: DiskRecord, name: string): readonly string[] | undefined {
  if (name.startsWith(TAG_FILTER_PREFIX)) {
    const value = disk.tags[name.slice(TAG_FILTER_PREFIX.length)];
    return value === undefined ? [] : [value];
  }
  return DISK_FILTERS[name]?.(disk);
}

function isKnownFilter(name: string): boolean {
  if (name.startsWith(TAG_FILTER_PREFIX)) return name.length > TAG_FILTER_PREFIX.length;
  return name in DISK_FILTERS;
}

/** Values within one filter are ORed; different filters are ANDed (as documented). */
function matches(disk: DiskRecord, filters: readonly Filter[]): boolean {
  return filters.every((f) => {
    const values = filterValues(disk, f.Name) ?? [];
    return f.Values.some((v) => values.includes(v));
  });
}

export function renderDisk(state: TencentState, disk: DiskRecord): Record<string, unknown> {
  let backupCount = 0;
  for (const b of state.diskBackups.values()) if (b.diskId === disk.id) backupCount += 1;
  return {
    DiskId: disk.id,
    DiskName: disk.name,
    DiskUsage: disk.usage,
    DiskType: DISK_TYPE,
    DiskSize: disk.sizeGb,
    DiskState: DISK_STATE,
    DiskChargeType: CHARGE_TYPE,
    Portable: true,
    Attached: false,
    InstanceId: '',
    InstanceIdList: [],
    InstanceType: 'CVM',
    Shareable: false,
    Tags: Object.entries(disk.tags).map(([Key, Value]) => ({ Key, Value })),
    Placement: { Zone: disk.zone, ProjectId: 0, CageId: '', CdcId: '', CdcName: '', DedicatedClusterId: '' },
    Encrypt: false,
    EncryptType: '',
    KmsKeyId: '',
    CreateTime: chinaDateTime(disk.createdMs),
    DeadlineTime: '',
    DiskBackupQuota: disk.backupQuota,
    DiskBackupCount: backupCount,
    SnapshotAbility: true,
    SnapshotCount: 0,
    SnapshotSize: 0,
    Rollbacking: false,
    RollbackPercent: 0,
    Migrating: false,
    MigratePercent: 0,
    BackupDisk: false,
    DeleteWithInstance: false,
    DeleteSnapshot: 0,
    AutoSnapshotPolicyIds: [],
    ErrorPrompt: '',
    LastAttachInsId: '',
    BurstPerformance: false,
    ThroughputPerformance: 0,
    AttachMode: '',
    RenewFlag: '',
    IsReturnable: false,
    ReturnFailCode: 0,
    DeadlineError: false,
    AutoRenewFlagError: false,
    DifferDaysOfDeadline: -1,
  };
}

/**
 * Paging through one query asks the same question once per page: the answer is kept per state
 * (disks are only ever seeded, never added or changed), so listing 100,000 disks costs one scan,
 * not one per page, and the simulator never becomes the bottleneck of a benchmark.
 */
const matchCache = new WeakMap<TencentState, Map<string, DiskRecord[]>>();
const MATCH_CACHE_SIZE = 32;

function cachedMatch(state: TencentState, key: string, compute: () => DiskRecord[]): DiskRecord[] {
  let cache = matchCache.get(state);
  if (!cache) matchCache.set(state, (cache = new Map()));
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size >= MATCH_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    hit = compute();
    cache.set(key, hit);
  }
  return hit;
}

export function describeDisksAction(state: TencentState): TencentActionSpec['handle'] {
  return ({ params, region }) => {
    const p = readParams(params, DESCRIBE_DISKS_PARAMS);
    const where = requireRegion(region);
    if (p.DiskIds && p.Filters) {
      throw new TencentApiError('InvalidParameter', '`DiskIds` and `Filters` cannot be used together.');
    }
    const unknown = p.Filters?.find((f) => !isKnownFilter(f.Name));
    if (unknown)
      throw new TencentApiError('InvalidFilter', `The filter \`${unknown.Name}\` is not supported.`);
    if (p.OrderField !== undefined && p.OrderField !== 'CREATE_TIME' && p.OrderField !== 'DEADLINE') {
      throw invalidValue('OrderField', 'must be CREATE_TIME or DEADLINE');
    }
    const ids = p.DiskIds;
    const filters = p.Filters ?? [];
    // Seeded disks are created one second apart in seed order, so map order is CREATE_TIME
    // order; pay-as-you-go disks have no deadline, so DEADLINE sorts the same way.
    // UNCONFIRMED: the default Order (ASC here); unknown DiskIds are left out, not an error.
    const matching = cachedMatch(state, JSON.stringify([where, ids, filters]), () =>
      [...state.disks.values()].filter(
        (d) => d.region === where && (!ids || ids.includes(d.id)) && matches(d, filters),
      ),
    );
    const selected = page(ordered(matching, p.Order), p.Offset, p.Limit, PAGING);
    return { TotalCount: matching.length, DiskSet: selected.map((d) => renderDisk(state, d)) };
  };
}
