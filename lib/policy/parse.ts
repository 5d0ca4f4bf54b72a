import {
  alertReferences,
  channelEnvironment,
  duplicateNames,
  heartbeatEnvironment,
  referencedChannels,
  resolveChannels,
  resolveEnvRef,
} from './checks';
import { PolicyError, PolicySelectionError, formatPath, type PolicyIssue } from './errors';
import { hideEnvValues } from './env-values';
import { envValue, interpolateTree, type Env, type RawIssue, type ResolvedString } from './interpolate';
import { policyErrorMap, toRawIssues } from './issues';
import { checkPolicyCount, checkPolicyDepth } from './limits';
import { huaweiProjectIds, unknownRegions } from './region-checks';
import { applyDefaults, policyFileSchema, type BackupPolicy, type PolicyFile } from './schema';
import { didYouMean } from './suggest';

/**
 * A policy document already parsed (from YAML by load.ts, or from the JSON a function bundle
 * carries) → ${env:…} → schema → file-wide rules → defaults. No YAML parser here: this is the
 * part that ships inside the function bundles.
 */
export const DEFAULT_POLICY_PATH = 'policies/example.yaml';

/** `$SCF_BACKUP_POLICY`, else the example policy. */
export function policyPath(env: Env): string {
  return envValue(env, 'SCF_BACKUP_POLICY') ?? DEFAULT_POLICY_PATH;
}

export function parsePolicyObject(root: unknown, env: Env, sourceName = '(policy)'): PolicyFile {
  if (root === null || root === undefined) {
    throw new PolicyError(sourceName, [
      { path: '(root)', message: 'the file is empty; it needs version: 1 and policies' },
    ]);
  }
  if (typeof root !== 'object' || Array.isArray(root)) {
    const found = Array.isArray(root) ? 'a list' : `a ${typeof root}`;
    const message = `must be a mapping with version, alerts and policies, not ${found}`;
    throw new PolicyError(sourceName, [{ path: '(root)', message }]);
  }
  const document = root as Record<string, unknown>;
  checkPolicyCount(document, sourceName);
  checkPolicyDepth(document, sourceName);
  const issues: RawIssue[] = [];
  const resolved: ResolvedString[] = [];
  const interpolated = interpolateTree(document, env, issues, ['defaults', 'policies'], resolved);
  const result = policyFileSchema.safeParse(interpolated, { error: policyErrorMap });
  if (!result.success) issues.push(...toRawIssues(result.error.issues));
  const used = referencedChannels(document);
  issues.push(
    ...duplicateNames(document),
    ...alertReferences(document),
    ...channelEnvironment(document, used, env),
    ...heartbeatEnvironment(document, env),
    ...unknownRegions(interpolated),
    ...huaweiProjectIds(interpolated, env),
  );
  if (result.success && issues.length === 0) {
    const file = applyDefaults(result.data);
    const heartbeat = file.heartbeat && { url: resolveEnvRef(file.heartbeat.url, env) };
    return { ...file, alerts: resolveChannels(file.alerts, env), ...(heartbeat ? { heartbeat } : {}) };
  }
  const hidden = issues.map((issue) => ({
    ...issue,
    message: hideEnvValues(issue.message, issue.path, resolved),
  }));
  throw new PolicyError(sourceName, present(hidden, document));
}

/**
 * One issue per path (an unset variable outranks the schema's complaint about the `${env:…}`
 * left in its place), grouped by policy in file order. A policy's name follows the message,
 * while the path stays exactly as written, so it can be searched for.
 */
function present(issues: RawIssue[], root: Record<string, unknown>): PolicyIssue[] {
  const policies = Array.isArray(root.policies) ? root.policies : [];
  const seen = new Set<string>();
  const out: { issue: PolicyIssue; rank: number }[] = [];
  for (const { path, message } of issues) {
    const text = formatPath(path);
    if (seen.has(text)) continue;
    seen.add(text);
    const index = path[0] === 'policies' && typeof path[1] === 'number' ? path[1] : -1;
    const name = (policies[index] as { name?: unknown } | undefined)?.name;
    const named = typeof name === 'string' && /^[a-z][a-z0-9-]{1,23}$/.test(name) ? ` (policy ${name})` : '';
    out.push({ issue: { path: text, message: `${message}${named}` }, rank: index });
  }
  return out.sort((a, b) => a.rank - b.rank).map((entry) => entry.issue);
}

/**
 * The enabled policies, narrowed to `names` when given (an empty list means all). Asking for a
 * policy that does not exist, or is disabled, is bad input rather than a quiet no-op.
 */
export function selectPolicies(file: PolicyFile, names?: readonly string[]): BackupPolicy[] {
  const enabled = file.policies.filter((p) => p.enabled);
  if (names === undefined || names.length === 0) return enabled;
  const all = file.policies.map((p) => p.name);
  const issues: PolicyIssue[] = [];
  for (const name of new Set(names)) {
    const policy = file.policies.find((p) => p.name === name);
    if (!policy) {
      issues.push({
        path: name,
        message: `no such policy${didYouMean(name, all)}; the file has: ${all.join(', ')}`,
      });
    } else if (!policy.enabled) {
      issues.push({ path: name, message: 'is disabled (enabled: false)' });
    }
  }
  if (issues.length > 0) throw new PolicySelectionError(issues);
  return enabled.filter((p) => names.includes(p.name));
}
