/**
 * Every backup kind, by name: the one list of kinds. A kind is its file (lib/targets/<kind>.ts)
 * and one line here; the policy schema, the rate table, the error table, cam-policy, the
 * function list and `invoke` are derived from this registry.
 */
import { cbsDiskTarget } from './cbs-disk';
import { cbsSnapshotTarget } from './cbs-snapshot';
import { cdbMysqlTarget } from './cdb-mysql';
import { dwsClusterTarget } from './dws-cluster';
import { gaussdbMysqlTarget } from './gaussdb-mysql';
import { tkeRepositoryTarget } from './tke-repository';
import type { BackupTarget, EnsureTarget, Registry } from './types';

export const TARGETS = {
  'cbs-disk': cbsDiskTarget,
  'cdb-mysql': cdbMysqlTarget,
  'tke-repository': tkeRepositoryTarget,
  'dws-cluster': dwsClusterTarget,
  'gaussdb-mysql': gaussdbMysqlTarget,
  'cbs-snapshot': cbsSnapshotTarget,
} as const;

export type BackupKind = keyof typeof TARGETS;
type PolicyOf<T> = T extends BackupTarget<infer P> ? P : T extends EnsureTarget<infer P> ? P : never;
/** A policy of any kind, as the schema built from the registry reads it (defaults applied). */
export type RegisteredPolicy = { [K in BackupKind]: PolicyOf<(typeof TARGETS)[K]> }[BackupKind];

/** The registered kinds, in registry order. */
export const KINDS = Object.keys(TARGETS) as BackupKind[];

/** The target for a policy, typed to accept that policy. */
export function targetFor(
  policy: { kind: string },
  registry: Registry = TARGETS,
): BackupTarget | EnsureTarget {
  const target = registry[policy.kind];
  if (!target) {
    throw new Error(
      `unknown kind '${String(policy.kind)}'; valid kinds: ${Object.keys(registry).join(', ')}`,
    );
  }
  return target;
}
