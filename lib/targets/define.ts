/**
 * A kind's file declares its calls once (`<service>.<Action>` → rate and IAM action); the API
 * list and the grants the rest of the project reads are derived from that declaration here.
 */
import type { PolicyBase } from '../policy/kind-fields';
import type { BackupTarget, EnsureTarget, KindDeclaration, Permissions } from './types';

type Derived = 'apis' | 'permissions';

function derived<P extends PolicyBase>(
  kind: KindDeclaration<P>,
): { apis: string[]; permissions: Permissions } {
  const actions = [...Object.values(kind.calls).map((call) => call.action), ...(kind.grants ?? [])];
  return {
    apis: Object.keys(kind.calls),
    permissions: kind.cloud === 'tencent' ? { tencentCam: actions } : { huaweiIam: actions },
  };
}

export function backupKind<P extends PolicyBase>(kind: Omit<BackupTarget<P>, Derived>): BackupTarget<P> {
  return { ...kind, ...derived(kind) };
}

export function ensureKind<P extends PolicyBase>(kind: Omit<EnsureTarget<P>, Derived>): EnsureTarget<P> {
  return { ...kind, ...derived(kind) };
}
