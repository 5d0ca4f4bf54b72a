/**
 * Regions and Huawei project ids, checked across each policy. Like checks.ts these read the raw
 * document defensively, so they report alongside the schema's own problems. A region must be one
 * the official SDK lists for the kind's service (`ap-guangzou` gets a suggestion, `cn-north-99`
 * is refused) unless the policy allows it explicitly: a region opened after the tables were
 * copied is a deliberate line in the policy, never a typo that passes.
 */
import { TARGETS } from '../targets/registry';
import { envValue, type Env, type RawIssue } from './interpolate';
import { BACKUP_KINDS, type BackupKind } from './schema';
import { didYouMean } from './suggest';

type Raw = Record<string, unknown>;
const asObject = (v: unknown): Raw | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const HUAWEI_PROJECT_ENV = 'HUAWEICLOUD_SDK_PROJECT_ID';

function kindOf(policy: Raw): BackupKind | undefined {
  return BACKUP_KINDS.find((k) => k === policy.kind);
}

/**
 * [path, region] for every region a policy names: `regions[i]`, each of the kind's declared
 * region options (`<key>[i]`, its descriptor's `regionOptions`), or a TKE `storageRegion`.
 */
function regionFields(policy: Raw, kind: BackupKind): [(string | number)[], string][] {
  const fields: [(string | number)[], string][] = [];
  for (const key of ['regions', ...(TARGETS[kind].regionOptions ?? [])]) {
    asList(policy[key]).forEach((r, i) => {
      if (typeof r === 'string') fields.push([[key, i], r]);
    });
  }
  asList(policy.repositories).forEach((repo, i) => {
    const region = asObject(repo)?.storageRegion;
    if (typeof region === 'string') fields.push([['repositories', i, 'storageRegion'], region]);
  });
  return fields;
}

/** After ${env:…} interpolation; a reference left in place (its variable unset) is reported there. */
export function unknownRegions(interpolated: unknown): RawIssue[] {
  const root = asObject(interpolated) ?? {};
  const issues: RawIssue[] = [];
  asList(root.policies).forEach((p, i) => {
    const policy = asObject(p);
    const kind = policy && kindOf(policy);
    if (!policy || !kind) return;
    const { knownRegions, cloud } = TARGETS[kind];
    const allowed = new Set(asList(policy.allowRegions).filter((r): r is string => typeof r === 'string'));
    for (const [path, region] of regionFields(policy, kind)) {
      if (knownRegions.includes(region) || allowed.has(region) || region.includes('${')) continue;
      const label = cloud === 'tencent' ? 'Tencent Cloud' : 'Huawei Cloud';
      issues.push({
        path: ['policies', i, ...path],
        message:
          `\`${region}\` is not a ${label} region ${kind} is offered in${didYouMean(region, knownRegions)}; ` +
          `a region opened since this release can be allowed with allowRegions: [${region}]`,
      });
    }
  });
  return issues;
}

/**
 * A Huawei project belongs to one region. `projectId` fits a one-region policy only; `projectIds`
 * maps regions the policy lists; HUAWEICLOUD_SDK_PROJECT_ID (one id) cannot serve a policy over
 * several regions unless `projectIds` covers them all. Regions left without an id are discovered.
 */
export function huaweiProjectIds(interpolated: unknown, env: Env): RawIssue[] {
  const root = asObject(interpolated) ?? {};
  const issues: RawIssue[] = [];
  asList(root.policies).forEach((p, i) => {
    const policy = asObject(p);
    const kind = policy && kindOf(policy);
    if (!policy || !kind || TARGETS[kind].cloud !== 'huawei' || policy.enabled === false) return;
    const regions = asList(policy.regions).filter((r): r is string => typeof r === 'string');
    const map = asObject(policy.projectIds) ?? {};
    if (policy.projectId !== undefined && regions.length > 1) {
      issues.push({
        path: ['policies', i, 'projectId'],
        message: `a project belongs to one region, this policy lists ${regions.length}: give projectIds: { <region>: <id> } instead`,
      });
    }
    for (const region of Object.keys(map)) {
      if (!regions.includes(region)) {
        issues.push({
          path: ['policies', i, 'projectIds', region],
          message: `${region} is not in this policy's regions${didYouMean(region, regions)}`,
        });
      }
    }
    const uncovered = regions.filter((r) => !(r in map));
    if (
      policy.projectId === undefined &&
      envValue(env, HUAWEI_PROJECT_ENV) &&
      regions.length > 1 &&
      uncovered.length > 0
    ) {
      issues.push({
        path: ['policies', i, 'regions'],
        message:
          `${HUAWEI_PROJECT_ENV} names one project, which belongs to one region; for ${uncovered.join(', ')} ` +
          `give projectIds: { <region>: <id> } (or unset the variable to have the ids discovered)`,
      });
    }
  });
  return issues;
}
