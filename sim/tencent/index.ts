/**
 * The Tencent cloud of the simulator: CBS, CDB, TKE and SCF actions over in-memory state. It
 * knows nothing of HTTP, signing or rate limits; the server core does those.
 */
import type { SimBehaviour, SimClock, SimSeed, TencentSimCloud } from '../types';
import { cbsSnapshot, createCbsActions } from './cbs';
import { renderDisk } from './cbs-disks';
import { seedSnapshots } from './cbs-snapshot-state';
import { cbsSnapshotsState, createCbsSnapshotActions } from './cbs-snapshots';
import { cdbSnapshot, createCdbActions } from './cdb';
import { renderInstance } from './cdb-instances';
import { createTencentState } from './state';
import { createScfActions, type InvocationListener, type ScfState } from './scf';
import { createScfFunctionActions, scfFunctionsSnapshot } from './scf-functions';
import type { ScfFunctionState } from './scf-state';
import { createSsmActions, type HuaweiKeys } from './ssm';
import { createTkeActions, tkeSnapshot } from './tke';

export function createTencentSimCloud(
  seed: SimSeed['tencent'],
  behaviour: SimBehaviour,
  clock: SimClock,
  onInvoke?: InvocationListener,
  huaweiKeys?: HuaweiKeys,
): TencentSimCloud {
  const state = createTencentState(seed, behaviour, clock);
  seedSnapshots(state, seed?.snapshots);
  const scf: ScfState = { invocations: [], listener: onInvoke };
  const functions: ScfFunctionState = {
    transitionMs: behaviour.transitionMs,
    functions: new Map(),
    nextId: 0,
  };
  return {
    actions: [
      ...createCbsActions(state),
      ...createCbsSnapshotActions(state),
      ...createCdbActions(state),
      ...createTkeActions(state),
      ...createScfActions(scf),
      ...createScfFunctionActions(functions),
      ...createSsmActions(seed?.secrets ?? [], huaweiKeys),
    ],
    snapshot() {
      const nowMs = clock.now();
      return {
        disks: [...state.disks.values()].map((d) => ({ Region: d.region, ...renderDisk(state, d) })),
        diskBackups: cbsSnapshot(state, nowMs),
        snapshots: cbsSnapshotsState(state, nowMs),
        mysqlInstances: [...state.instances.values()].map(renderInstance),
        mysqlBackups: cdbSnapshot(state, nowMs),
        cosBuckets: state.buckets.map((b) => ({ ...b })),
        backupStorageLocations: tkeSnapshot(state),
        functionInvocations: scf.invocations.map((i) => ({ ...i })),
        functions: scfFunctionsSnapshot(functions, nowMs),
      };
    },
  };
}
