/**
 * CBS 2017-03-12 snapshots: CreateSnapshot, DescribeSnapshots, DeleteSnapshots,
 * CopySnapshotCrossRegions. Fields and filters: tencentcloud-sdk-nodejs 4.1.313
 * cbs/v20170312/cbs_models.d.ts (CreateSnapshotRequest, Snapshot, DescribeSnapshotsRequest,
 * CopySnapshotCrossRegionsRequest, SnapshotCopyResult). Error codes: each action's list in
 * tencentcloud-sdk-go cbs/v20170312/client.go @144f6c8. What neither says is in sim/UNCONFIRMED.md.
 */
import { TencentApiError, type TencentActionSpec } from '../types';
import { SNAPSHOTS_PER_DISK, liveSnapshots, snapshotState, type SnapshotRecord } from './cbs-snapshot-state';
import { isoWithOffset } from './format';
import { invalidValue, ordered, page, readParams, requireRegion, tencentAction, type Filter } from './params';
import type { TencentState } from './state';

const PAGING = { defaultLimit: 20, maxLimit: 100 } as const;
// ModifySnapshotAttribute: "Maximum length is 60 bytes" (https://tencentcloud.com/zh/document/product/362/15650).
const MAX_NAME_BYTES = 60;
// CreateSnapshotRequest.SnapshotName: "不传则新快照名称默认为“未命名”".
const DEFAULT_NAME = '未命名';
// CreateSnapshotRequest.Deadline: "到期时间最小可设置为一天后的当前时间".
const MIN_DEADLINE_MS = 24 * 3600_000;
// DescribeSnapshotsRequest.Filters disk-id: "一次最多只能传入10个值".
const MAX_DISK_ID_VALUES = 10;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|\+00:00)$/;

const CREATE = {
  DiskId: 'string',
  SnapshotName: 'string',
  Deadline: 'string',
  DiskBackupId: 'string',
  Tags: 'tags',
  LocalSnap: 'boolean',
  DiskUsage: 'string',
} as const;
const DESCRIBE = {
  SnapshotIds: 'stringList',
  Filters: 'filters',
  Limit: 'integer',
  OrderField: 'string',
  Offset: 'integer',
  Order: 'string',
} as const;
const DELETE = { SnapshotIds: 'stringList', DeleteBindImages: 'boolean' } as const;
const COPY = { DestinationRegions: 'stringList', SnapshotId: 'string', SnapshotName: 'string' } as const;

const FILTERS: Readonly<Record<string, (s: SnapshotRecord, state: string) => string>> = {
  'snapshot-id': (s) => s.id,
  'snapshot-name': (s) => s.name,
  'snapshot-state': (_s, state) => state,
  'disk-usage': (s) => s.usage,
  'project-id': () => '0',
  'disk-id': (s) => s.diskId,
  encrypt: () => 'FALSE',
  'snapshot-type': () => 'PRIVATE_SNAPSHOT',
};

function checkName(name: string, field: string): void {
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw invalidValue(field, `at most ${MAX_NAME_BYTES} bytes`);
}

function render(state: TencentState, s: SnapshotRecord, nowMs: number, all: Iterable<SnapshotRecord>) {
  const { state: snapshotStateName, percent } = snapshotState(state, s, nowMs);
  const copyingTo = [...all]
    .filter((c) => c.copiedFrom?.snapshotId === s.id && snapshotState(state, c, nowMs).state !== 'NORMAL')
    .map((c) => c.region);
  return {
    SnapshotId: s.id,
    SnapshotName: s.name,
    SnapshotState: snapshotStateName,
    Percent: percent,
    DiskId: s.diskId,
    DiskSize: s.sizeGb,
    DiskUsage: s.usage,
    Placement: { Zone: `${s.region}-3`, ProjectId: 0 },
    CopyFromRemote: s.copiedFrom !== undefined,
    CopyingToRegions: copyingTo,
    IsPermanent: s.deadlineMs === undefined,
    DeadlineTime: s.deadlineMs === undefined ? '' : isoWithOffset(s.deadlineMs),
    CreateTime: isoWithOffset(s.createdMs),
    Encrypt: false,
    SnapshotType: 'PRIVATE_SNAPSHOT',
    ShareReference: 0,
    ImageCount: 0,
    Images: [],
    Tags: [],
    IsLocked: false,
    SnapshotMode: 'STANDARD_SNAPSHOT',
    ...(s.autoPolicyId ? { AutoSnapshotPolicyId: s.autoPolicyId } : {}),
  };
}

function parseDeadline(text: string, nowMs: number): number {
  const ms = ISO_UTC.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms))
    throw invalidValue('Deadline', 'must be ISO-8601 UTC, e.g. 2022-01-08T09:47:55+00:00');
  if (ms < nowMs + MIN_DEADLINE_MS) throw invalidValue('Deadline', 'must be at least one day from now');
  return ms;
}

export function createCbsSnapshotActions(state: TencentState): TencentActionSpec[] {
  const action = tencentAction('cbs', '2017-03-12');
  const store = (nowMs: number) => liveSnapshots(state, nowMs);
  const stateOf = (s: SnapshotRecord, nowMs: number) => snapshotState(state, s, nowMs).state;
  return [
    action('CreateSnapshot', ({ params, region, nowMs }) => {
      const p = readParams(params, CREATE, ['DiskId']);
      const where = requireRegion(region);
      const name = p.SnapshotName ?? DEFAULT_NAME;
      checkName(name, 'SnapshotName');
      const deadlineMs = p.Deadline === undefined ? undefined : parseDeadline(p.Deadline, nowMs);
      const disk = state.disks.get(p.DiskId ?? '');
      if (!disk || disk.region !== where)
        throw new TencentApiError('InvalidDiskId.NotFound', `The disk \`${p.DiskId}\` does not exist.`);
      const own = [...store(nowMs).values()].filter((s) => s.diskId === disk.id && !s.copiedFrom);
      if (own.some((s) => stateOf(s, nowMs) === 'CREATING'))
        throw new TencentApiError(
          'InvalidDisk.SnapshotCreating',
          `The disk \`${disk.id}\` is creating a snapshot.`,
        );
      // UNCONFIRMED: the quota is counted per disk in its own region (copies elsewhere do not count).
      if (own.length >= SNAPSHOTS_PER_DISK)
        throw new TencentApiError(
          'InsufficientSnapshotQuota',
          `The disk \`${disk.id}\` keeps ${own.length} snapshots.`,
        );
      const id = state.ids.next('snap-');
      store(nowMs).set(id, {
        id,
        diskId: disk.id,
        region: disk.region,
        name,
        sizeGb: disk.sizeGb,
        usage: disk.usage,
        createdMs: nowMs,
        ...(deadlineMs === undefined ? {} : { deadlineMs }),
        state: 'CREATING',
      });
      return { SnapshotId: id };
    }),
    action('DescribeSnapshots', ({ params, region, nowMs }) => {
      const p = readParams(params, DESCRIBE);
      const where = requireRegion(region);
      if (p.SnapshotIds && p.Filters)
        throw new TencentApiError('InvalidParameter', '`SnapshotIds` and `Filters` cannot be used together.');
      const filters: Filter[] = p.Filters ?? [];
      const unknown = filters.find((f) => !(f.Name in FILTERS));
      if (unknown)
        throw new TencentApiError('InvalidFilter', `The filter \`${unknown.Name}\` is not supported.`);
      // UNCONFIRMED: the code for more than 10 disk-id values.
      if (filters.some((f) => f.Name === 'disk-id' && f.Values.length > MAX_DISK_ID_VALUES))
        throw invalidValue('Filters', `disk-id takes at most ${MAX_DISK_ID_VALUES} values`);
      if (p.OrderField !== undefined && p.OrderField !== 'CREATE_TIME')
        throw invalidValue('OrderField', 'must be CREATE_TIME');
      const all = store(nowMs);
      const matching = [...all.values()].filter(
        (s) =>
          s.region === where &&
          (!p.SnapshotIds || p.SnapshotIds.includes(s.id)) &&
          filters.every((f) => f.Values.includes(FILTERS[f.Name]?.(s, stateOf(s, nowMs)) ?? '')),
      );
      const selected = page(ordered(matching, p.Order), p.Offset, p.Limit, PAGING);
      return {
        TotalCount: matching.length,
        SnapshotSet: selected.map((s) => render(state, s, nowMs, all.values())),
      };
    }),
    action('DeleteSnapshots', ({ params, region, nowMs }) => {
      const p = readParams(params, DELETE, ['SnapshotIds']);
      const where = requireRegion(region);
      const ids = p.SnapshotIds ?? [];
      if (ids.length === 0) throw new TencentApiError('MissingParameter', '`SnapshotIds` must not be empty.');
      const all = store(nowMs);
      // "如果多个快照存在无法删除的快照，则操作不执行": every id is checked before any is deleted.
      for (const id of ids) {
        const s = all.get(id);
        if (!s || s.region !== where)
          throw new TencentApiError('InvalidSnapshotId.NotFound', `The snapshot \`${id}\` does not exist.`);
        const now = stateOf(s, nowMs);
        if (now === 'CREATING')
          throw new TencentApiError(
            'ResourceUnavailable.SnapshotCreating',
            `The snapshot \`${id}\` is being created.`,
          );
        // "快照必须处于NORMAL状态"; UNCONFIRMED: the code for the other states.
        if (now !== 'NORMAL')
          throw new TencentApiError('InvalidSnapshot.NotSupported', `The snapshot \`${id}\` is ${now}.`);
      }
      for (const id of ids) all.delete(id);
      return {};
    }),
    action('CopySnapshotCrossRegions', ({ params, region, nowMs }) => {
      const p = readParams(params, COPY, ['DestinationRegions', 'SnapshotId']);
      const where = requireRegion(region);
      const all = store(nowMs);
      const source = all.get(p.SnapshotId ?? '');
      if (!source || source.region !== where)
        throw new TencentApiError(
          'InvalidSnapshotId.NotFound',
          `The snapshot \`${p.SnapshotId}\` does not exist.`,
        );
      // UNCONFIRMED: a source that is not NORMAL is refused with InvalidSnapshot.NotSupported.
      if (stateOf(source, nowMs) !== 'NORMAL')
        throw new TencentApiError(
          'InvalidSnapshot.NotSupported',
          `The snapshot \`${source.id}\` is not NORMAL.`,
        );
      const name = p.SnapshotName ?? `Copied ${source.id} from ${where}`;
      checkName(name, 'SnapshotName');
      const destinations = p.DestinationRegions ?? [];
      if (destinations.length === 0) throw invalidValue('DestinationRegions', 'must name a region');
      // "指定快照正在复制到目标地域": a copy to a destination still in progress is a conflict.
      const copying = [...all.values()].find(
        (c) =>
          c.copiedFrom?.snapshotId === source.id &&
          destinations.includes(c.region) &&
          stateOf(c, nowMs) !== 'NORMAL',
      );
      if (copying)
        throw new TencentApiError(
          'ResourceInUse.CopySnapshotConflict',
          `The snapshot is being copied to ${copying.region}.`,
        );
      const results = destinations.map((destination) => {
        // UNCONFIRMED: the per-region Code for the source's own region.
        if (destination === where)
          return {
            DestinationRegion: destination,
            Code: 'InvalidParameterValue',
            Message: 'the source region',
            SnapshotId: '',
          };
        const id = state.ids.next('snap-');
        // UNCONFIRMED: a copy is permanent (the request takes no Deadline), so ours are pruned by retention.
        const { diskId, sizeGb, usage } = source;
        const copiedFrom = { region: where, snapshotId: source.id };
        all.set(id, {
          id,
          diskId,
          region: destination,
          name,
          sizeGb,
          usage,
          createdMs: nowMs,
          copiedFrom,
          state: 'COPYING',
        });
        return { DestinationRegion: destination, Code: 'Success', Message: '', SnapshotId: id };
      });
      return { SnapshotCopyResultSet: results };
    }),
  ];
}

export function cbsSnapshotsState(state: TencentState, nowMs: number): unknown {
  const all = liveSnapshots(state, nowMs);
  return [...all.values()].map((s) => ({ Region: s.region, ...render(state, s, nowMs, all.values()) }));
}
