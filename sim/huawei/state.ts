/**
 * The Huawei half of the simulator's memory: DWS clusters and snapshots, GaussDB(for MySQL)
 * instances and backups. Statuses are never advanced by timers: an in-progress record keeps its
 * start time and its status is derived from `nowMs` when read, so a fake clock is all a test needs.
 */
import { createHash } from 'node:crypto';
import type { SimBehaviour, SimClock, SimSeed } from '../types';
import { createIdSource, parseSeedTime } from './format';

/** One region's part of the seed, with that region's project (see sim/huawei/projects.ts). */
/** The seed's declared keys, without the open index signature its loose records allow. */
type KnownKeys<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

export type HuaweiRegionSeed = Omit<KnownKeys<NonNullable<SimSeed['huawei']>>, 'projectId' | 'projects'> & {
  projectId: string;
  region: string;
};

export interface DwsCluster {
  id: string;
  name: string;
  region: string;
  /** Seed `enterpriseProjectId`; default `0`, the "default" enterprise project. */
  enterpriseProjectId: string;
  tags: Record<string, string>;
  createdMs: number;
}

export interface DwsSnapshot {
  id: string;
  clusterId: string;
  name: string;
  description: string;
  startedMs: number;
  type: 'AUTO' | 'MANUAL';
  /** As created or seeded; `CREATING` turns into `AVAILABLE` once transitionMs has passed. */
  status: string;
  /** Made under the `failBackupsOf` fault: it turns `UNAVAILABLE` instead. */
  failing?: boolean;
  sizeGb: number;
}

export interface GaussInstance {
  id: string;
  name: string;
  region: string;
  tags: Record<string, string>;
  createdMs: number;
}

export interface GaussBackup {
  id: string;
  instanceId: string;
  name: string;
  description: string;
  beginMs: number;
  type: 'auto' | 'manual';
  /** As created or seeded; `BUILDING` turns into `COMPLETED` once transitionMs has passed. */
  status: string;
  /** Made under the `failBackupsOf` fault: it turns `FAILED` instead. */
  failing?: boolean;
  sizeMb: number;
}

/** One region's project: its id, and the resources and backups in it. */
export interface HuaweiState {
  projectId: string;
  region: string;
  transitionMs: number;
  failsBackupOf: (resourceId: string) => boolean;
  clusters: DwsCluster[];
  snapshots: DwsSnapshot[];
  instances: GaussInstance[];
  backups: GaussBackup[];
  ids: ReturnType<typeof createIdSource>;
}

export const DWS_PENDING = 'CREATING';
export const GAUSS_PENDING = 'BUILDING';

export function dwsSnapshotStatus(state: HuaweiState, snapshot: DwsSnapshot, nowMs: number): string {
  if (snapshot.status !== DWS_PENDING) return snapshot.status;
  if (nowMs < snapshot.startedMs + state.transitionMs) return DWS_PENDING;
  // DWS's failed snapshot state (api-reference ListSnapshots: status CREATING | AVAILABLE | UNAVAILABLE).
  return snapshot.failing ? 'UNAVAILABLE' : 'AVAILABLE';
}

export function gaussBackupStatus(state: HuaweiState, backup: GaussBackup, nowMs: number): string {
  if (backup.status !== GAUSS_PENDING) return backup.status;
  if (nowMs < backup.beginMs + state.transitionMs) return GAUSS_PENDING;
  // GaussDB's failed backup state (Backups.status: BUILDING | COMPLETED | FAILED | AVAILABLE).
  return backup.failing ? 'FAILED' : 'COMPLETED';
}

/** A size that looks real and stays the same for the same record. */
export function stableSize(key: string, max: number): number {
  return 1 + (parseInt(createHash('sha256').update(key).digest('hex').slice(0, 6), 16) % max);
}

// Resources predate every backup a seed is likely to carry, so listings never show a backup
// older than its cluster.
const RESOURCE_AGE_MS = 365 * 24 * 3600_000;

export function createHuaweiState(
  seed: HuaweiRegionSeed,
  behaviour: SimBehaviour,
  clock: SimClock,
): HuaweiState {
  const createdMs = Math.floor((clock.now() - RESOURCE_AGE_MS) / 1000) * 1000;
  const ids = createIdSource(`huawei:${seed.projectId}`);
  const clusters = (seed.dwsClusters ?? []).map((c, i) => ({
    id: c.id,
    name: c.name ?? `dws-cluster-${i + 1}`,
    region: c.region,
    enterpriseProjectId: (c as { enterpriseProjectId?: string }).enterpriseProjectId ?? '0',
    tags: { ...c.tags },
    createdMs,
  }));
  const instances = (seed.gaussdbInstances ?? []).map((g, i) => ({
    id: g.id,
    name: g.name ?? `gaussdb-mysql-${i + 1}`,
    region: g.region,
    tags: { ...g.tags },
    createdMs,
  }));
  const snapshots = (seed.dwsSnapshots ?? []).map((s): DwsSnapshot => {
    if (!clusters.some((c) => c.id === s.clusterId)) {
      throw new Error(`huawei seed: DWS snapshot "${s.name}" names unknown cluster "${s.clusterId}"`);
    }
    const id = s.id ?? ids.uuid();
    return {
      id,
      clusterId: s.clusterId,
      name: s.name,
      description: '',
      startedMs: parseSeedTime(s.started, `DWS snapshot "${s.name}"`),
      type: s.type ?? 'MANUAL',
      status: s.status ?? 'AVAILABLE',
      sizeGb: stableSize(id, 400) / 4,
    };
  });
  const backups = (seed.gaussdbBackups ?? []).map((b): GaussBackup => {
    if (!instances.some((g) => g.id === b.instanceId)) {
      throw new Error(`huawei seed: GaussDB backup "${b.name}" names unknown instance "${b.instanceId}"`);
    }
    const id = b.id ?? ids.gaussBackupId();
    return {
      id,
      instanceId: b.instanceId,
      name: b.name,
      description: '',
      beginMs: parseSeedTime(b.beginTime, `GaussDB backup "${b.name}"`),
      type: b.type ?? 'manual',
      status: b.status ?? 'COMPLETED',
      sizeMb: stableSize(id, 20_000),
    };
  });
  return {
    projectId: seed.projectId,
    region: seed.region,
    transitionMs: behaviour.transitionMs,
    failsBackupOf: behaviour.failsBackupOf ?? (() => false),
    clusters,
    snapshots,
    instances,
    backups,
    ids,
  };
}
