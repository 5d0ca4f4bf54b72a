/**
 * Least privilege from the policy file: the actions each kind's descriptor declares it calls, for
 * exactly the kinds the enabled policies use — as a Tencent CAM policy (version 2.0) and a Huawei
 * IAM custom policy (Version 1.1). Describe/List actions are operation-level in CAM and must name
 * resource `*`; mutating actions are scoped to the policies' regions with CAM's documented region
 * condition where the kind's service has one (its descriptor's `camRegionKey`, `cvm:region`).
 * The continuation of long runs needs `scf:InvokeFunction` on the backup functions themselves.
 */
import type { BackupPolicy } from '../policy/schema';
import { TARGETS } from '../targets/registry';

interface CamStatement {
  effect: 'allow';
  action: string[];
  resource: string[];
  condition?: Record<string, Record<string, string[]>>;
}

const READ_ONLY = /:(Describe|List|Get|Query)/;

/** Where a policy's calls mutate: its regions, and its kind's other region options (copies' destinations). */
function regionsOf(policies: BackupPolicy[]): string[] {
  const where = (p: BackupPolicy): string[] => {
    const keys = ['regions', ...(TARGETS[p.kind].regionOptions ?? [])];
    return keys.flatMap((key) => {
      const value = (p as Record<string, unknown>)[key];
      return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : [];
    });
  };
  return [...new Set(policies.flatMap(where))].sort();
}

export function camPolicy(
  policies: BackupPolicy[],
  functionPrefix = 'scf-backup-',
): { version: '2.0'; statement: CamStatement[] } {
  const tencent = policies.filter((p) => TARGETS[p.kind].cloud === 'tencent');
  const actionsOf = (list: BackupPolicy[]) => [
    ...new Set(list.flatMap((p) => TARGETS[p.kind].permissions.tencentCam ?? [])),
  ];
  const writesOf = (list: BackupPolicy[]) => actionsOf(list).filter((a) => !READ_ONLY.test(a));
  const statement: CamStatement[] = [];
  const reads = actionsOf(tencent)
    .filter((a) => READ_ONLY.test(a))
    .sort();
  if (reads.length > 0) statement.push({ effect: 'allow', action: reads, resource: ['*'] });
  // Writes of kinds whose service has a region condition: one statement per condition key.
  const regionKeys = [...new Set(tencent.map((p) => TARGETS[p.kind].camRegionKey))];
  for (const key of regionKeys.filter((k): k is string => k !== undefined).sort()) {
    const scoped = tencent.filter((p) => TARGETS[p.kind].camRegionKey === key);
    if (writesOf(scoped).length === 0) continue;
    statement.push({
      effect: 'allow',
      action: writesOf(scoped).sort(),
      resource: ['*'],
      condition: { string_equal: { [key]: regionsOf(scoped) } },
    });
  }
  const unscoped = writesOf(tencent.filter((p) => TARGETS[p.kind].camRegionKey === undefined));
  const scopedWrites = new Set(statement.flatMap((s) => (s.condition ? s.action : [])));
  const otherWrites = unscoped.filter((a) => !scopedWrites.has(a)).sort();
  if (otherWrites.length > 0) statement.push({ effect: 'allow', action: otherWrites, resource: ['*'] });
  // Every function may continue itself; the role is shared, so the grant names them all.
  statement.push({
    effect: 'allow',
    action: ['scf:InvokeFunction'],
    resource: [`qcs::scf:*:uin/\${owner_uin}:namespace/*/function/${functionPrefix}*`],
  });
  return { version: '2.0', statement };
}

export function huaweiIamPolicy(policies: BackupPolicy[]) {
  const huawei = policies.filter((p) => TARGETS[p.kind].cloud === 'huawei');
  const actions = [...new Set(huawei.flatMap((p) => TARGETS[p.kind].permissions.huaweiIam ?? []))].sort();
  if (actions.length === 0) return undefined;
  return { Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] };
}
