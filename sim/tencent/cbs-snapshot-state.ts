/**
 * CBS snapshots in the simulator's memory, beside the disks of state.ts (kept per state object,
 * so a reset, which builds a new state, starts with none). States are derived from the clock when
 * read, like the backup points: a snapshot is CREATING for transitionMs, then NORMAL; a copy is
 * COPYING_FROM_REMOTE for the first half of transitionMs, CHECKING_COPIED for the second, then
 * NORMAL; one whose Deadline has passed is gone (deleted by the cloud, as CreateSnapshot's
 * `Deadline` promises).
 */
import type { SimSeed } from '../types';
import { parseTencentTime } from './format';
import type { TencentState } from './state';

export interface SnapshotRecord {
  id: string;
  diskId: string;
  region: string;
  name: string;
  sizeGb: number;
  usage: string;
  createdMs: number;
  /** Absent: permanent (`IsPermanent`). */
  deadlineMs?: number;
  /** Set on a cross-region copy: where it was copied from. */
  copiedFrom?: { region: string; snapshotId: string };
  /** Made by a scheduled snapshot policy (seeded only): `AutoSnapshotPolicyId`. */
  autoPolicyId?: string;
  /** As created; `ROLLBACKING` only where a seed puts it. */
  state: 'CREATING' | 'COPYING' | 'NORMAL' | 'ROLLBACKING';
}

/**
 * Snapshots a disk may keep: "Each CBS disk can save up to 64 snapshots"
 * (https://www.tencentcloud.com/document/product/362/32413, Commercialization FAQs).
 */
export const SNAPSHOTS_PER_DISK = 64;

const stores = new WeakMap<TencentState, Map<string, SnapshotRecord>>();

/** Insertion order is creation order, which the listing relies on. */
export function snapshotsOf(state: TencentState): Map<string, SnapshotRecord> {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = new Map()));
  return store;
}

export function snapshotState(state: TencentState, s: SnapshotRecord, nowMs: number) {
  const elapsed = nowMs - s.createdMs;
  const done = elapsed >= state.transitionMs;
  const percent = done ? 100 : Math.max(0, Math.floor((elapsed / state.transitionMs) * 100));
  if (s.state === 'CREATING') return { state: done ? 'NORMAL' : 'CREATING', percent };
  if (s.state === 'COPYING') {
    if (done) return { state: 'NORMAL', percent: 100 };
    return { state: elapsed * 2 < state.transitionMs ? 'COPYING_FROM_REMOTE' : 'CHECKING_COPIED', percent };
  }
  return { state: s.state, percent: 100 };
}

/** Drops what has reached its Deadline; every action reads the store through this. */
export function liveSnapshots(state: TencentState, nowMs: number): Map<string, SnapshotRecord> {
  const store = snapshotsOf(state);
  for (const [id, s] of store) if (s.deadlineMs !== undefined && s.deadlineMs <= nowMs) store.delete(id);
  return store;
}

/** Loads the seed's snapshots (checked by sim/seed.ts: each names a seeded disk). */
export function seedSnapshots(state: TencentState, seed: NonNullable<SimSeed['tencent']>['snapshots']): void {
  const store = snapshotsOf(state);
  for (const s of seed ?? []) {
    const disk = state.disks.get(s.diskId);
    if (!disk) throw new Error(`tencent seed: snapshot "${s.name}" names unknown disk "${s.diskId}"`);
    const id = s.id ?? state.ids.next('snap-');
    store.set(id, {
      id,
      diskId: disk.id,
      region: disk.region,
      name: s.name,
      sizeGb: disk.sizeGb,
      usage: disk.usage,
      createdMs: parseTencentTime(s.createTime),
      ...(s.autoSnapshotPolicyId ? { autoPolicyId: s.autoSnapshotPolicyId } : {}),
      state: s.state ?? 'NORMAL',
    });
  }
}
