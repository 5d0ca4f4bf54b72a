/** Every backup kind, by name. A sixth kind is one file and one line here. */
import type { BackupKind, BackupPolicy } from '../policy/schema';
import { cbsDiskTarget } from './cbs-disk';
import { cdbMysqlTarget } from './cdb-mysql';
import { dwsClusterTarget } from './dws-cluster';
import { gaussdbMysqlTarget } from './gaussdb-mysql';
import { tkeRepositoryTarget } from './tke-repository';
import type { BackupTarget, EnsureTarget, Target } from './types';

export const TARGETS = {
  'cbs-disk': cbsDiskTarget,
  'cdb-mysql': cdbMysqlTarget,
  'tke-repository': tkeRepositoryTarget,
  'dws-cluster': dwsClusterTarget,
  'gaussdb-mysql': gaussdbMysqlTarget,
} as const satisfies Record<BackupKind, Target>;

/** The target for a policy, typed to accept that policy. */
export function targetFor(policy: BackupPolicy): BackupTarget | EnsureTarget {
  const target = TARGETS[policy.kind];
  if (!target) {
    throw new Error(`unknown kind '${String(policy.kind)}'; valid kinds: ${Object.keys(TARGETS).join(', ')}`);
  }
  return target as unknown as BackupTarget | EnsureTarget;
}
