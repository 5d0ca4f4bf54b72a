/**
 * The four kinds that make backups, described once so one specification can run against each:
 * four resources to select from, how to seed backups of them, and how to read them back out of
 * `GET /_sim/state`. Names are built here from the documented format, independently of
 * lib/engine/naming.ts, so the tests check that format rather than repeat it.
 *
 * Every kind has the same four resources:
 *   [0] backup=nightly, env=prod   [1] backup=nightly, env=dev   [2] backup=weekly   [3] untagged
 */
import { createHash } from 'node:crypto';
import type { SimSeed } from '../../sim';
import type { SimState } from './sim-harness';

export type BackupKindName = 'cbs-disk' | 'cdb-mysql' | 'dws-cluster' | 'gaussdb-mysql' | 'cbs-snapshot';

export const RESOURCE_TAGS: ReadonlyArray<Record<string, string>> = [
  { backup: 'nightly', env: 'prod' },
  { backup: 'nightly', env: 'dev' },
  { backup: 'weekly' },
  {},
];

/** A backup to seed: someone else's, or an earlier one of ours. */
export interface SeededBackup {
  resourceId: string;
  name: string;
  at: Date;
  /** Made by the cloud's own schedule (CBS has none: its backup points are always on request). */
  automatic?: boolean;
  /** Still being created when the simulator starts. */
  inProgress?: boolean;
}

/** One backup as the simulator holds it, whatever the kind. */
export interface SimBackup {
  id: string;
  name: string;
  resourceId: string;
  status: string;
}

export interface BackupKindFixture {
  kind: BackupKindName;
  cloud: 'tencent' | 'huawei';
  region: string;
  ids: readonly [string, string, string, string];
  /** Well formed, but no such resource. */
  missingId: string;
  /** Lines the policy of this kind needs besides the common ones (CDB's backup method). */
  options?: string;
  createApi: string;
  deleteApi: string;
  /** Every API a plan may call: a dry run calls these and nothing else. */
  readApis: readonly string[];
  /** The cloud's answer while the resource is making another backup. */
  busyCode: string;
  /** A documented refusal of the create call, injected to make backups fail. */
  failCode: string;
  /** The cloud refusing the create for want of permission (the role may list but not create). */
  deniedCode: string;
  /** The cloud's word for a backup that is done. */
  availableStatus: string;
  seed(backups?: SeededBackup[]): SimSeed;
  backupsIn(state: SimState): SimBackup[];
}

const TENCENT_REGION = 'ap-guangzhou';
const HUAWEI_REGION = 'cn-north-4';
export const PROJECT_ID = '0123456789abcdef0123456789abcdef';

const resources = (ids: readonly string[], region: string) =>
  ids.map((id, i) => ({ id, region, tags: { ...RESOURCE_TAGS[i] } }));

export const cbsDisk: BackupKindFixture = {
  kind: 'cbs-disk',
  cloud: 'tencent',
  region: TENCENT_REGION,
  ids: ['disk-0001', 'disk-0002', 'disk-0003', 'disk-0004'],
  missingId: 'disk-9999',
  createApi: 'cbs.CreateDiskBackup',
  deleteApi: 'cbs.DeleteDiskBackups',
  readApis: ['cbs.DescribeDisks', 'cbs.DescribeDiskBackups'],
  busyCode: 'InvalidDisk.Busy',
  // Permanent, and not the quota code (a full quota makes room by pruning first).
  failCode: 'ResourceUnavailable.NotSupported',
  deniedCode: 'UnauthorizedOperation',
  availableStatus: 'NORMAL',
  seed(backups = []) {
    return {
      tencent: {
        disks: resources(this.ids, this.region),
        diskBackups: backups.map((b) => ({
          diskId: b.resourceId,
          name: b.name,
          createTime: b.at.toISOString(),
          ...(b.inProgress ? { state: 'CREATING' } : {}),
        })),
      },
    };
  },
  backupsIn: (state) =>
    state.tencent.diskBackups.map((b) => ({
      id: b.DiskBackupId,
      name: b.DiskBackupName,
      resourceId: b.DiskId,
      status: b.DiskBackupState,
    })),
};

export const cdbMysql: BackupKindFixture = {
  kind: 'cdb-mysql',
  cloud: 'tencent',
  region: TENCENT_REGION,
  ids: ['cdb-0001', 'cdb-0002', 'cdb-0003', 'cdb-0004'],
  missingId: 'cdb-9999',
  options: 'options: { method: physical }',
  createApi: 'cdb.CreateBackup',
  deleteApi: 'cdb.DeleteBackup',
  readApis: ['cdb.DescribeDBInstances', 'cdb.DescribeBackups'],
  busyCode: 'OperationDenied.ActionInProcess',
  failCode: 'CdbError',
  deniedCode: 'UnauthorizedOperation',
  availableStatus: 'SUCCESS',
  seed(backups = []) {
    return {
      tencent: {
        mysql: resources(this.ids, this.region),
        mysqlBackups: backups.map((b) => ({
          instanceId: b.resourceId,
          name: b.name,
          date: b.at.toISOString(),
          way: b.automatic ? ('automatic' as const) : ('manual' as const),
          ...(b.inProgress ? { status: 'RUNNING' } : {}),
        })),
      },
    };
  },
  backupsIn: (state) =>
    state.tencent.mysqlBackups.map((b) => ({
      id: String(b.BackupId),
      name: b.ManualBackupName,
      resourceId: b.InstanceId,
      status: b.Status,
    })),
};

export const dwsCluster: BackupKindFixture = {
  kind: 'dws-cluster',
  cloud: 'huawei',
  region: HUAWEI_REGION,
  ids: [
    '468660a2-c8ca-4f66-a4f7-02e3e3f05cef',
    'cf492ada-f6ea-4998-9e55-61f5a316b583',
    '5d3c7a1e-2b4f-4e8a-9c6d-1f0e2a3b4c5d',
    '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  ],
  missingId: '00000000-0000-4000-8000-000000000000',
  createApi: 'dws.CreateSnapshot',
  deleteApi: 'dws.DeleteSnapshot',
  readApis: ['dws.ListClusters', 'dws.ListSnapshots'],
  busyCode: 'DWS.0011',
  failCode: 'DWS.0005',
  deniedCode: 'APIGW.0303',
  availableStatus: 'AVAILABLE',
  seed(backups = []) {
    return {
      huawei: {
        projectId: PROJECT_ID,
        dwsClusters: resources(this.ids, this.region),
        dwsSnapshots: backups.map((b) => ({
          clusterId: b.resourceId,
          name: b.name,
          started: b.at.toISOString(),
          type: b.automatic ? 'AUTO' : 'MANUAL',
          ...(b.inProgress ? { status: 'CREATING' } : {}),
        })),
      },
    };
  },
  backupsIn: (state) =>
    state.huawei.dws.snapshots.map((s) => ({
      id: s.id,
      name: s.name,
      resourceId: s.cluster_id,
      status: s.status,
    })),
};

export const gaussdbMysql: BackupKindFixture = {
  kind: 'gaussdb-mysql',
  cloud: 'huawei',
  region: HUAWEI_REGION,
  ids: [
    '090baedcebae93b258f7b9379c8c9a3din07',
    'c26b36a8ad11f4ff0be3573dbbb0f0cdin07',
    '4f1e2d3c4b5a69788796a5b4c3d2e1f0in07',
    'a1b2c3d4e5f60718293a4b5c6d7e8f90in07',
  ],
  missingId: 'ffffffffffffffffffffffffffffffffin07',
  createApi: 'gaussdb.CreateGaussMySqlBackup',
  deleteApi: 'gaussdb.DeleteGaussMySqlBackup',
  readApis: ['gaussdb.ListGaussMySqlInstancesUnifyStatus', 'gaussdb.ShowGaussMySqlBackupList'],
  busyCode: 'DBS.200019',
  failCode: 'DBS.05000000',
  deniedCode: 'DBS.200010',
  availableStatus: 'COMPLETED',
  seed(backups = []) {
    return {
      huawei: {
        projectId: PROJECT_ID,
        gaussdbInstances: resources(this.ids, this.region),
        gaussdbBackups: backups.map((b) => ({
          instanceId: b.resourceId,
          name: b.name,
          beginTime: b.at.toISOString(),
          type: b.automatic ? 'auto' : 'manual',
          ...(b.inProgress ? { status: 'BUILDING' } : {}),
        })),
      },
    };
  },
  backupsIn: (state) =>
    state.huawei.gaussdb.backups.map((b) => ({
      id: b.id,
      name: b.name,
      resourceId: b.instance_id,
      status: b.status,
    })),
};

export const cbsSnapshot: BackupKindFixture = {
  kind: 'cbs-snapshot',
  cloud: 'tencent',
  region: TENCENT_REGION,
  // Disks of their own, so a seed with every kind holds both CBS kinds' resources.
  ids: ['disk-s001', 'disk-s002', 'disk-s003', 'disk-s004'],
  missingId: 'disk-9999',
  createApi: 'cbs.CreateSnapshot',
  deleteApi: 'cbs.DeleteSnapshots',
  readApis: ['cbs.DescribeDisks', 'cbs.DescribeSnapshots'],
  busyCode: 'InvalidDisk.SnapshotCreating',
  // CreateSnapshot's documented "云硬盘没有快照能力": permanent, and not the quota code.
  failCode: 'InvalidDisk.NotSupportSnapshot',
  deniedCode: 'UnauthorizedOperation',
  availableStatus: 'NORMAL',
  seed(backups = []) {
    return {
      tencent: {
        disks: resources(this.ids, this.region),
        snapshots: backups.map((b) => ({
          diskId: b.resourceId,
          name: b.name,
          createTime: b.at.toISOString(),
          ...(b.inProgress ? { state: 'CREATING' as const } : {}),
          // A scheduled snapshot policy's snapshot carries its id (Snapshot.AutoSnapshotPolicyId).
          ...(b.automatic ? { autoSnapshotPolicyId: 'asp-0000auto' } : {}),
        })),
      },
    };
  },
  backupsIn: (state) =>
    state.tencent.snapshots.map((s) => ({
      id: s.SnapshotId,
      name: s.SnapshotName,
      resourceId: s.DiskId,
      status: s.SnapshotState,
    })),
};

export const BACKUP_KINDS: readonly BackupKindFixture[] = [
  cbsDisk,
  cdbMysql,
  dwsCluster,
  gaussdbMysql,
  cbsSnapshot,
];

// ---- names and policies -----------------------------------------------------------------------

/** `YYYYMMDDTHHMMSSZ`. */
export function slotId(slot: Date): string {
  return slot
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

export function resourceHash(resourceId: string): string {
  return createHash('sha256').update(resourceId).digest('hex').slice(0, 10);
}

/** The documented format: `scfb-<policy>-<slotId>-<10 hex of sha256(resource id)>`. */
export function ourName(policy: string, slot: Date, resourceId: string): string {
  return `scfb-${policy}-${slotId(slot)}-${resourceHash(resourceId)}`;
}

export const DAY_MS = 86_400_000;
export const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

/** 02:00 daily in Asia/Shanghai: the slot of 2026-11-25 is 2026-11-24T18:00:00Z. */
export const DAILY = '0 0 2 * * * *';
export const SLOT = new Date('2026-11-24T18:00:00Z');
/** Two hours into the slot: due, within the one-day catch-up. */
export const NOW = new Date('2026-11-24T20:00:00Z');

export interface PolicyShape {
  name?: string;
  select: Record<string, unknown>;
  retention?: Record<string, unknown>;
}

/** One policy of `fixture`'s kind as YAML; `select` and `retention` are written in flow style. */
export function policyYaml(fixture: BackupKindFixture, shape: PolicyShape): string {
  const lines = [
    `  - name: ${shape.name ?? 'nightly'}`,
    `    kind: ${fixture.kind}`,
    `    schedule: '${DAILY}'`,
    '    catchUp: 1d',
    `    regions: [${fixture.region}]`,
    `    select: ${JSON.stringify(shape.select)}`,
    `    retention: ${JSON.stringify(shape.retention ?? { keepLast: 7 })}`,
    ...(fixture.options ? [`    ${fixture.options}`] : []),
  ];
  return lines.join('\n');
}

export function policyFileYaml(...policies: string[]): string {
  return ['version: 1', 'policies:', ...policies].join('\n');
}

/** Seeds of several kinds in one simulator: their lists are joined. */
export function mergeSeeds(...seeds: SimSeed[]): SimSeed {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const seed of seeds) {
    for (const [cloud, part] of Object.entries(seed) as Array<[string, Record<string, unknown>]>) {
      const into = (merged[cloud] ??= {});
      for (const [key, value] of Object.entries(part)) {
        into[key] = Array.isArray(value) ? [...((into[key] as unknown[]) ?? []), ...value] : value;
      }
    }
  }
  return merged as SimSeed;
}
