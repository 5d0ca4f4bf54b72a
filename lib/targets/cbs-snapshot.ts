/**
 * Tencent CBS snapshots of cloud disks (cbs 2017-03-12; CAM names them under `cvm:`), with an
 * optional cross-region copy of each (`copyTo`, cbs-snapshot-copies.ts). The disks are found as
 * cbs-disk finds them; a snapshot carries a `Deadline`, so it expires in the cloud even if this
 * tool stops running.
 */
import * as z from 'zod/mini';
import { TENCENT_REGIONS } from '../cloud/regions';
import { regionalBackupFields, type KindPolicy } from '../policy/kind-fields';
import { regions } from '../policy/fields';
import { cbsDiskTarget } from './cbs-disk';
import {
  createSnapshot,
  deadlineText,
  deleteSnapshot,
  FILTER_VALUES,
  listSnapshots,
} from './cbs-snapshot-api';
import { followUpCopies } from './cbs-snapshot-copies';
import { CBS_SNAPSHOT_RESPONSE_FIELDS, CBS_SNAPSHOT_WRITE_CHECKS } from './cbs-snapshot-fields';
import { backupKind } from './define';

const OPTIONS = {
  ...regionalBackupFields('tencent', { pattern: /^disk-[a-z0-9]+$/, label: 'a CBS disk id (disk-…)' }),
  /** Regions each snapshot is copied to (CopySnapshotCrossRegions), kept by the same retention. */
  copyTo: z.optional(regions('tencent')),
};
export type CbsSnapshotPolicy = KindPolicy<'cbs-snapshot', typeof OPTIONS>;

/**
 * "Each CBS disk can save up to 64 snapshots"
 * (https://www.tencentcloud.com/document/product/362/32413).
 */
export const SNAPSHOTS_PER_DISK = 64;

/** CreateSnapshotRequest.Deadline: "到期时间最小可设置为一天后的当前时间". */
const MIN_DEADLINE_MS = 24 * 3600_000;
/** Our clock and the cloud's may differ: an hour more than the minimum is never refused for it. */
const DEADLINE_MARGIN_MS = 3600_000;

/**
 * When the cloud deletes the snapshot on its own: the policy's maxAge from now, never sooner than
 * the API accepts. Retention counts maxAge from the (earlier) slot, so the Deadline is a backstop
 * that never takes a snapshot retention would keep. No maxAge: no Deadline (keepLast prunes it).
 */
export function snapshotDeadline(maxAgeMs: number | undefined, nowMs: number): string | undefined {
  if (maxAgeMs === undefined) return undefined;
  return deadlineText(nowMs + Math.max(maxAgeMs, MIN_DEADLINE_MS + DEADLINE_MARGIN_MS));
}

export const cbsSnapshotTarget = backupKind<CbsSnapshotPolicy>({
  mode: 'backup',
  kind: 'cbs-snapshot',
  cloud: 'tencent',
  function: 'disk-backup',
  options: OPTIONS,
  regionOptions: ['copyTo'],
  knownRegions: TENCENT_REGIONS,
  // SnapshotName: ModifySnapshotAttribute's "Maximum length is 60 bytes"
  // (https://tencentcloud.com/zh/document/product/362/15650); CreateSnapshot says nothing more.
  // Printable ASCII, so 60 characters are 60 bytes.
  nameRule: { maxLength: 60, pattern: /^[\x20-\x7e]{1,60}$/ },
  // Our choice, as cbs-disk's: no API documents how long a snapshot may take.
  stuckAfterMs: 12 * 3_600_000,
  maxQuota: SNAPSHOTS_PER_DISK,
  listBatchSize: FILTER_VALUES,
  // Error lists of CreateSnapshot, DeleteSnapshots, CopySnapshotCrossRegions and
  // DescribeSnapshots: tencentcloud-sdk-go cbs/v20170312/client.go @144f6c8.
  errors: {
    busy: [
      'InvalidDisk.SnapshotCreating',
      'InvalidDisk.Busy',
      'ResourceInUse',
      'ResourceUnavailable.SnapshotCreating',
      'ResourceUnavailable.DiskBackupCreating',
    ],
    notFound: ['InvalidDiskId.NotFound', 'InvalidSnapshotId.NotFound'],
    quota: ['InsufficientSnapshotQuota', 'ResourceInsufficient.OverQuota'],
    // "全网正在创建的快照数量过多" (too many snapshots being created cloud-wide): a moment later.
    transient: ['ResourceUnavailable.TooManyCreatingSnapshot'],
  },
  responseFields: CBS_SNAPSHOT_RESPONSE_FIELDS,
  writeChecks: CBS_SNAPSHOT_WRITE_CHECKS,
  // Rates: "A maximum of 20 requests can be initiated per second for this API" on each API page
  // (https://intl.cloud.tencent.com/document/api/362/15648 CreateSnapshot, …/362/15647
  // DescribeSnapshots, https://tencentcloud.com/document/product/362/15645 DeleteSnapshots,
  // https://intl.cloud.tencent.com/document/product/362/45941 CopySnapshotCrossRegions).
  calls: {
    'cbs.DescribeDisks': { perSecond: 100, action: 'cvm:DescribeDisks' },
    'cbs.DescribeSnapshots': { perSecond: 20, action: 'cvm:DescribeSnapshots' },
    'cbs.CreateSnapshot': { perSecond: 20, action: 'cvm:CreateSnapshot' },
    'cbs.DeleteSnapshots': { perSecond: 20, action: 'cvm:DeleteSnapshots' },
    'cbs.CopySnapshotCrossRegions': { perSecond: 20, action: 'cvm:CopySnapshotCrossRegions' },
  },
  camRegionKey: 'cvm:region',

  /** The selected disks; a disk's snapshot quota is the fixed 64, not its backup-point quota. */
  async discover(policy, region, clients) {
    const disks = await cbsDiskTarget.discover({ ...policy, kind: 'cbs-disk' }, region, clients);
    return disks.map((disk) => ({ ...disk, backupQuota: SNAPSHOTS_PER_DISK }));
  },
  listBackups: (_policy, region, resources, clients) => listSnapshots(region, resources, clients),
  createBackup(policy, resource, name, clients) {
    const deadline = snapshotDeadline(policy.retention.maxAgeMs, Date.now());
    return createSnapshot(clients, resource.region, {
      DiskId: resource.id,
      SnapshotName: name,
      ...(deadline ? { Deadline: deadline } : {}),
    });
  },
  deleteBackup: (_policy, resource, backup, clients) => deleteSnapshot(clients, resource.region, backup.id),
  followUp: followUpCopies,
});
