import { huaweiProjectFields, regionalBackupFields } from '../policy/kind-fields';
import type { CloudClientSet } from './types';

/** The policy options of a Huawei kind: regions, selection by id or tag, retention, project ids. */
export const HUAWEI_BACKUP_OPTIONS = {
  ...regionalBackupFields('huawei', {
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    label: 'a Huawei Cloud resource id',
  }),
  ...huaweiProjectFields,
};

/** What project-id resolution reads of a Huawei kind's policy. */
export interface HuaweiPolicy {
  name: string;
  regions: string[];
  projectId?: string;
  projectIds?: Record<string, string>;
}

/**
 * The project of `region`, which is one region's: the policy's `projectIds` entry; else its
 * `projectId` or HUAWEICLOUD_SDK_PROJECT_ID, for a one-region policy only (validation refuses
 * them for several); else discovered through IAM like the official SDKs do.
 */
export async function projectIdFor(
  policy: HuaweiPolicy,
  region: string,
  clients: CloudClientSet,
): Promise<string> {
  const given = givenProjectId(policy, region, clients.huaweiProjectId);
  if (given) return given;
  if (!clients.discoverHuaweiProject) {
    throw new Error(`policy ${policy.name}: no Huawei project id for ${region} and no way to discover it`);
  }
  return clients.discoverHuaweiProject(region);
}

/** The id the policy or HUAWEICLOUD_SDK_PROJECT_ID gives for `region`; undefined: discovered. */
export function givenProjectId(
  policy: HuaweiPolicy,
  region: string,
  envProjectId: string | undefined,
): string | undefined {
  const single = policy.regions.length === 1 ? (policy.projectId ?? envProjectId) : undefined;
  return policy.projectIds?.[region] ?? single;
}

/**
 * The IAM action behind project-id discovery (KeystoneListProjects, `GET /v3/projects`), as IAM's
 * fine-grained policies name it. UNCONFIRMED: taken from IAM's "Permissions and Supported
 * Actions" naming (`iam:projects:listProjects`), not re-read for this change.
 */
export const HUAWEI_IAM_DISCOVERY = 'iam:projects:listProjects';

/** Huawei lists tags as `[{key, value}]`. */
export function huaweiTags(
  tags: Array<{ key?: string; value?: string }> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) result[tag.key] = tag.value ?? '';
  return result;
}

/** DWS and GaussDB(for MySQL) backup names: 4–64 characters, a letter first, letters, digits, `-`, `_`. */
export const HUAWEI_NAME_RULE = { maxLength: 64, pattern: /^[A-Za-z][A-Za-z0-9_-]{3,63}$/ };
