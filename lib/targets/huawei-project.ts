import type { CloudClients } from './types';

/** The policy's projectId wins over HUAWEICLOUD_SDK_PROJECT_ID; neither is a clear error. */
export function projectIdFor(policy: { name: string; projectId?: string }, clients: CloudClients): string {
  const projectId = policy.projectId ?? clients.huaweiProjectId;
  if (!projectId) {
    throw new Error(
      `policy ${policy.name}: no Huawei project id: set projectId in the policy or HUAWEICLOUD_SDK_PROJECT_ID`,
    );
  }
  return projectId;
}

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
