/**
 * The Tencent half of the simulator's memory: CBS disks and backup points, CDB instances and
 * backups, COS buckets and TKE backup storage locations. No timers: an in-progress backup keeps
 * its start time and its state is derived from `nowMs` whenever it is read, so a fake clock is
 * all a test needs to move it along.
 */
import type { SimBehaviour, SimClock, SimSeed } from '../types';
import { createIdSource, parseTencentTime } from './format';

type TencentSeed = NonNullable<SimSeed['tencent']>;

export interface DiskRecord {
  id: string;
  name: string;
  region: string;
  zone: string;
  usage: 'SYSTEM_DISK' | 'DATA_DISK';
  sizeGb: number;
  tags: Record<string, string>;
  backupQuota: number;
  createdMs: number;
}

export interface DiskBackupRecord {
  id: string;
  diskId: string;
  region: string;
  name: string;
  sizeGb: number;
  usage: string;
  createdMs: number;
  /** As created or seeded; `CREATING` turns `NORMAL` once transitionMs has passed. */
  state: string;
  /** Made under the `failBackupsOf` fault: once transitionMs has passed, it is gone (see UNCONFIRMED). */
  failing?: boolean;
}

export interface MysqlRecord {
  id: string;
  name: string;
  region: string;
  zone: string;
  edition: 'basic' | 'ha';
  /** `primary` (InstanceType 1), `dr` (2) or `readonly` (3). */
  role: 'primary' | 'readonly' | 'dr';
  tags: Record<string, string>;
  createdMs: number;
}

export interface MysqlBackupRecord {
  id: number;
  instanceId: string;
  region: string;
  manualName: string;
  method: 'logical' | 'physical' | 'snapshot';
  partial: boolean;
  way: 'manual' | 'automatic';
  startedMs: number;
  /** As created or seeded; `RUNNING` turns `SUCCESS` once transitionMs has passed. */
  status: string;
  /** Made under the `failBackupsOf` fault: it turns `FAILED` instead. */
  failing?: boolean;
}

export interface LocationRecord {
  name: string;
  storageRegion: string;
  bucket: string;
  provider: string;
  path: string;
  state: 'Available' | 'Unavailable';
  createdMs: number;
}

export interface TencentState {
  transitionMs: number;
  failsBackupOf: (resourceId: string) => boolean;
  disks: Map<string, DiskRecord>;
  /** Insertion order is creation order, which the listings rely on. */
  diskBackups: Map<string, DiskBackupRecord>;
  instances: Map<string, MysqlRecord>;
  mysqlBackups: Map<number, MysqlBackupRecord>;
  buckets: ReadonlyArray<{ name: string; region: string }>;
  locations: Map<string, LocationRecord>;
  ids: ReturnType<typeof createIdSource>;
  nextMysqlBackupId: number;
}

export const DEFAULT_BACKUP_QUOTA = 64;

export function diskBackupProgress(
  state: TencentState,
  backup: DiskBackupRecord,
  nowMs: number,
): { state: string; percent: number } {
  if (backup.state !== 'CREATING') return { state: backup.state, percent: 100 };
  const elapsedMs = nowMs - backup.createdMs;
  if (elapsedMs >= state.transitionMs) return { state: 'NORMAL', percent: 100 };
  return { state: 'CREATING', percent: Math.max(0, Math.floor((elapsedMs / state.transitionMs) * 100)) };
}

/**
 * CBS documents no failed state for a backup point (cbs_models.d.ts DiskBackupState: NORMAL,
 * CREATING, ROLLBACKING), so one made under `failBackupsOf` ends by disappearing.
 * UNCONFIRMED: what the real service shows of a backup point whose creation failed.
 */
export function dropFailedDiskBackups(state: TencentState, nowMs: number): void {
  for (const [id, backup] of state.diskBackups) {
    if (backup.failing && nowMs - backup.createdMs >= state.transitionMs) state.diskBackups.delete(id);
  }
}

export function mysqlBackupProgress(
  state: TencentState,
  backup: MysqlBackupRecord,
  nowMs: number,
): { status: string; progress: number; finishedMs?: number } {
  if (backup.status !== 'RUNNING')
    return { status: backup.status, progress: 100, finishedMs: backup.startedMs };
  const elapsedMs = nowMs - backup.startedMs;
  if (elapsedMs >= state.transitionMs) {
    const status = backup.failing ? 'FAILED' : 'SUCCESS';
    return { status, progress: 100, finishedMs: backup.startedMs + state.transitionMs };
  }
  return { status: 'RUNNING', progress: Math.max(0, Math.floor((elapsedMs / state.transitionMs) * 100)) };
}

// Resources predate any backup a seed is likely to carry, so no listing shows a backup older
// than its disk or instance.
const RESOURCE_AGE_MS = 365 * 24 * 3600_000;

function seedTime(text: string, what: string): number {
  const ms = parseTencentTime(text);
  if (Number.isNaN(ms)) throw new Error(`tencent seed: ${what} has an unreadable time "${text}"`);
  return ms;
}

export function createTencentState(
  seed: TencentSeed | undefined,
  behaviour: SimBehaviour,
  clock: SimClock,
): TencentState {
  const createdMs = Math.floor((clock.now() - RESOURCE_AGE_MS) / 1000) * 1000;
  const ids = createIdSource('tencent');
  const disks = new Map<string, DiskRecord>();
  (seed?.disks ?? []).forEach((d, i) => {
    disks.set(d.id, {
      id: d.id,
      name: d.name ?? `disk-${i + 1}`,
      region: d.region,
      zone: d.zone ?? `${d.region}-3`,
      usage: d.usage ?? 'DATA_DISK',
      sizeGb: d.sizeGb ?? 50,
      tags: { ...d.tags },
      backupQuota: d.backupQuota ?? DEFAULT_BACKUP_QUOTA,
      createdMs: createdMs + i * 1000,
    });
  });
  const diskBackups = new Map<string, DiskBackupRecord>();
  for (const b of seed?.diskBackups ?? []) {
    const disk = disks.get(b.diskId);
    if (!disk) throw new Error(`tencent seed: disk backup "${b.name}" names unknown disk "${b.diskId}"`);
    const id = b.id ?? ids.next('dbp-');
    diskBackups.set(id, {
      id,
      diskId: disk.id,
      region: disk.region,
      name: b.name,
      sizeGb: disk.sizeGb,
      usage: disk.usage,
      createdMs: seedTime(b.createTime, `disk backup "${b.name}"`),
      state: b.state ?? 'NORMAL',
    });
  }
  const instances = new Map<string, MysqlRecord>();
  (seed?.mysql ?? []).forEach((m, i) => {
    instances.set(m.id, {
      id: m.id,
      name: m.name ?? `mysql-${i + 1}`,
      region: m.region,
      zone: `${m.region}-3`,
      edition: m.edition ?? 'ha',
      role: m.role ?? 'primary',
      tags: { ...m.tags },
      createdMs: createdMs + i * 1000,
    });
  });
  const mysqlBackups = new Map<number, MysqlBackupRecord>();
  let nextMysqlBackupId = 200_000_001;
  for (const b of seed?.mysqlBackups ?? []) {
    const instance = instances.get(b.instanceId);
    if (!instance)
      throw new Error(`tencent seed: MySQL backup "${b.name}" names unknown instance "${b.instanceId}"`);
    const id = b.id ?? nextMysqlBackupId++;
    nextMysqlBackupId = Math.max(nextMysqlBackupId, id + 1);
    mysqlBackups.set(id, {
      id,
      instanceId: instance.id,
      region: instance.region,
      manualName: b.name,
      method: 'physical',
      partial: false,
      way: b.way ?? 'manual',
      startedMs: seedTime(b.date, `MySQL backup "${b.name}"`),
      status: b.status ?? 'SUCCESS',
    });
  }
  const locations = new Map<string, LocationRecord>();
  for (const l of seed?.backupLocations ?? []) {
    locations.set(l.name, {
      name: l.name,
      storageRegion: l.storageRegion,
      bucket: l.bucket,
      provider: 'tencentcloud',
      path: l.path ?? '',
      state: l.state ?? 'Available',
      createdMs,
    });
  }
  return {
    transitionMs: behaviour.transitionMs,
    failsBackupOf: behaviour.failsBackupOf ?? (() => false),
    disks,
    diskBackups,
    instances,
    mysqlBackups,
    buckets: (seed?.cosBuckets ?? []).map((b) => ({ ...b })),
    locations,
    ids,
    nextMysqlBackupId,
  };
}
