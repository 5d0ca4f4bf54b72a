/**
 * CBS 2017-03-12 backup points: CreateDiskBackup, DescribeDiskBackups, DeleteDiskBackups
 * (the CBS 2017-03-12 API documentation, the CreateDiskBackup API page's error list). DescribeDisks is in
 * cbs-disks.ts.
 */
import { TencentApiError, type TencentActionSpec } from '../types';
import { describeDisksAction } from './cbs-disks';
import { charLength, isoWithOffset } from './format';
import { page, type Filter, invalidValue, tencentAction, ordered, readParams, requireRegion } from './params';
import { diskBackupProgress, dropFailedDiskBackups, type DiskBackupRecord, type TencentState } from './state';

const SERVICE = 'cbs';
const VERSION = '2017-03-12';
const MAX_NAME_CHARS = 100;
const PAGING = { defaultLimit: 20, maxLimit: 100 } as const;
// UNCONFIRMED: the name a backup point gets when DiskBackupName is omitted; "未命名" ("unnamed")
// is what the Chinese console and examples show for nameless resources.
const DEFAULT_BACKUP_NAME = '未命名';

const CREATE_PARAMS = { DiskId: 'string', DiskBackupName: 'string' } as const;
const DESCRIBE_PARAMS = {
  DiskBackupIds: 'stringList',
  Filters: 'filters',
  Offset: 'integer',
  Limit: 'integer',
  Order: 'string',
  OrderField: 'string',
} as const;
const DELETE_PARAMS = { DiskBackupIds: 'stringList' } as const;

const BACKUP_FILTERS: Readonly<Record<string, (b: DiskBackupRecord) => string>> = {
  'disk-id': (b) => b.diskId,
  'disk-backup-id': (b) => b.id,
  'disk-usage': (b) => b.usage,
};

function renderBackup(state: TencentState, b: DiskBackupRecord, nowMs: number): Record<string, unknown> {
  const progress = diskBackupProgress(state, b, nowMs);
  return {
    DiskBackupId: b.id,
    DiskId: b.diskId,
    DiskSize: b.sizeGb,
    DiskUsage: b.usage,
    DiskBackupName: b.name,
    DiskBackupState: progress.state,
    Percent: progress.percent,
    CreateTime: isoWithOffset(b.createdMs),
    Encrypt: false,
  };
}

export function backupsOfDisk(state: TencentState, diskId: string): DiskBackupRecord[] {
  return [...state.diskBackups.values()].filter((b) => b.diskId === diskId);
}

/** Each filter's values as a set: a 100-disk filter over tens of thousands of backups stays fast. */
function filterMatcher(filters: readonly Filter[]): (b: DiskBackupRecord) => boolean {
  const checks = filters.map((f) => ({ read: BACKUP_FILTERS[f.Name], values: new Set(f.Values) }));
  return (b) => checks.every(({ read, values }) => read !== undefined && values.has(read(b)));
}

export function createCbsActions(state: TencentState): TencentActionSpec[] {
  const plain = tencentAction(SERVICE, VERSION);
  // Backup points that failed (failBackupsOf) are gone before any action looks.
  const action: typeof plain = (name, handle) =>
    plain(name, (request) => {
      dropFailedDiskBackups(state, request.nowMs);
      return handle(request);
    });
  return [
    // The seed says Region is not required for CreateDiskBackup: the disk id is enough. When a
    // region is sent, a disk elsewhere is not found, as on the real endpoint.
    action('CreateDiskBackup', ({ params, region, nowMs }) => {
      const p = readParams(params, CREATE_PARAMS, ['DiskId']);
      const name = p.DiskBackupName ?? DEFAULT_BACKUP_NAME;
      if (charLength(name) > MAX_NAME_CHARS)
        throw invalidValue('DiskBackupName', `at most ${MAX_NAME_CHARS} characters`);
      const disk = state.disks.get(p.DiskId ?? '');
      if (!disk || (region !== undefined && disk.region !== region)) {
        throw new TencentApiError('InvalidDiskId.NotFound', `The disk \`${p.DiskId}\` does not exist.`);
      }
      const existing = backupsOfDisk(state, disk.id);
      if (existing.some((b) => diskBackupProgress(state, b, nowMs).state === 'CREATING')) {
        throw new TencentApiError(
          'InvalidDisk.Busy',
          `The disk \`${disk.id}\` is busy creating a backup point.`,
        );
      }
      // UNCONFIRMED: a full quota rejects the new backup point rather than rotating the oldest out.
      if (existing.length >= disk.backupQuota) {
        throw new TencentApiError(
          'ResourceInsufficient.OverQuota',
          `The disk \`${disk.id}\` already keeps ${existing.length} of ${disk.backupQuota} backup points.`,
        );
      }
      const id = state.ids.next('dbp-');
      state.diskBackups.set(id, {
        id,
        diskId: disk.id,
        region: disk.region,
        name,
        sizeGb: disk.sizeGb,
        usage: disk.usage,
        createdMs: nowMs,
        state: 'CREATING',
        ...(state.failsBackupOf(disk.id) ? { failing: true } : {}),
      });
      return { DiskBackupId: id };
    }),
    action('DescribeDiskBackups', ({ params, region, nowMs }) => {
      const p = readParams(params, DESCRIBE_PARAMS);
      const where = requireRegion(region);
      if (p.DiskBackupIds && p.Filters) {
        throw new TencentApiError(
          'InvalidParameter',
          '`DiskBackupIds` and `Filters` cannot be used together.',
        );
      }
      const unknown = p.Filters?.find((f) => !(f.Name in BACKUP_FILTERS));
      if (unknown)
        throw new TencentApiError('InvalidFilter', `The filter \`${unknown.Name}\` is not supported.`);
      if (p.OrderField !== undefined && p.OrderField !== 'CREATE_TIME')
        throw invalidValue('OrderField', 'must be CREATE_TIME');
      // UNCONFIRMED: unknown DiskBackupIds are left out of the answer, not an error.
      const ids = p.DiskBackupIds;
      const matches = filterMatcher(p.Filters ?? []);
      const matching = [...state.diskBackups.values()]
        .filter((b) => b.region === where && (!ids || ids.includes(b.id)) && matches(b))
        .sort((a, b) => a.createdMs - b.createdMs);
      const selected = page(ordered(matching, p.Order), p.Offset, p.Limit, PAGING);
      return {
        TotalCount: matching.length,
        DiskBackupSet: selected.map((b) => renderBackup(state, b, nowMs)),
      };
    }),
    action('DeleteDiskBackups', ({ params, region, nowMs }) => {
      const p = readParams(params, DELETE_PARAMS, ['DiskBackupIds']);
      const where = requireRegion(region);
      const ids = p.DiskBackupIds ?? [];
      if (ids.length === 0)
        throw new TencentApiError('MissingParameter', '`DiskBackupIds` must not be empty.');
      // UNCONFIRMED: all or nothing; every id is checked before any is deleted.
      for (const id of ids) {
        const backup = state.diskBackups.get(id);
        if (!backup || backup.region !== where) {
          throw new TencentApiError(
            'ResourceNotFound.NotFound',
            `The backup point \`${id}\` does not exist.`,
          );
        }
        const busy = diskBackupProgress(state, backup, nowMs).state;
        if (busy === 'CREATING') {
          throw new TencentApiError('ResourceBusy', `The backup point \`${id}\` is still being created.`);
        }
        // UNCONFIRMED: a backup point a disk is being rolled back from is in use: ResourceBusy too.
        if (busy === 'ROLLBACKING') {
          throw new TencentApiError('ResourceBusy', `The backup point \`${id}\` is in use by a rollback.`);
        }
      }
      for (const id of ids) state.diskBackups.delete(id);
      return {};
    }),
    action('DescribeDisks', describeDisksAction(state)),
  ];
}

export function cbsSnapshot(state: TencentState, nowMs: number): unknown {
  dropFailedDiskBackups(state, nowMs);
  return [...state.diskBackups.values()].map((b) => ({ Region: b.region, ...renderBackup(state, b, nowMs) }));
}
