/**
 * Huawei project ids, per policy and region: given in the policy (projectId) or by
 * HUAWEICLOUD_SDK_PROJECT_ID. A region without one cannot be called at all.
 */
import { ENV_VARS } from '../cloud/credentials';
import type { BackupPolicy } from '../policy/schema';
import type { CloudClients } from '../targets/types';
import { fail, ok, type Check } from './types';

export function projectIdOf(policy: BackupPolicy, clients: CloudClients): string | undefined {
  const own = 'projectId' in policy ? policy.projectId : undefined;
  return own ?? clients.huaweiProjectId;
}

export function projectCheck(policy: BackupPolicy, clients: CloudClients): Check[] {
  const regions = 'regions' in policy ? policy.regions : [];
  const own = 'projectId' in policy ? policy.projectId : undefined;
  const projectId = projectIdOf(policy, clients);
  return regions.map((region) => {
    const subject = `${policy.name} ${region}`;
    if (!projectId) {
      return fail(
        'project',
        subject,
        `no project id for ${region}`,
        `set projectId in policy ${policy.name} or ${ENV_VARS.huaweiProjectId} (IAM console, "My Credentials" → "Projects", the project named ${region})`,
      );
    }
    const source = own ? 'given in the policy' : `from ${ENV_VARS.huaweiProjectId}`;
    return ok('project', subject, `${projectId} (${source}; the discovery below uses it)`);
  });
}
