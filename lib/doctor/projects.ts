/**
 * Huawei project ids, per policy and region, found the way a run finds them (projectIdFor): the
 * policy's `projectIds`, its `projectId` or HUAWEICLOUD_SDK_PROJECT_ID for a one-region policy,
 * else IAM discovery. A given id is proven by the discovery call that uses it: the gateway
 * refuses a project that is not the region's, and that refusal turns the line into a ✗.
 */
import { ENV_VARS } from '../cloud/credentials';
import { CloudError } from '../errors/cloud-error';
import { ProjectDiscoveryError } from '../cloud/huawei-projects';
import type { BackupPolicy } from '../policy/schema';
import { projectIdFor, type HuaweiPolicy as ProjectFields } from '../targets/huawei-project';
import { TARGETS } from '../targets/registry';
import type { CallRecord, RecordingClients } from './recording-clients';
import { refusalOf } from './refusals';
import { fail, ok, skip, type Check } from './types';

type HuaweiPolicy = BackupPolicy & ProjectFields;

/** A policy of a Huawei kind: its regions are each one project's. */
export function isHuaweiPolicy(policy: BackupPolicy): policy is HuaweiPolicy {
  return TARGETS[policy.kind].cloud === 'huawei';
}

export interface ProjectLine {
  policy: string;
  region: string;
  check: Check;
  /** The region can be called: its discovery and listing are worth running. */
  usable: boolean;
}

function source(policy: HuaweiPolicy, region: string): string {
  if (policy.projectIds?.[region]) return 'given in projectIds';
  return policy.projectId ? 'given in the policy' : `from ${ENV_VARS.huaweiProjectId}`;
}

const giveIt = (policy: string, region: string) =>
  `give the id of the project named ${region} (IAM console, "My Credentials" → "Projects") in projectIds of policy ${policy}`;

export async function projectLine(
  policy: HuaweiPolicy,
  region: string,
  recording: RecordingClients,
): Promise<ProjectLine> {
  const subject = `${policy.name} ${region}`;
  const line = (check: Check, usable: boolean) => ({ policy: policy.name, region, check, usable });
  const before = recording.records.length;
  try {
    const id = await projectIdFor(policy, region, recording.clients);
    const discovered = recording.records.slice(before).some((r) => r.api === 'iam.KeystoneListProjects');
    return line(
      ok('project', subject, `${id} (${discovered ? 'discovered through IAM' : source(policy, region)})`),
      true,
    );
  } catch (error) {
    if (error instanceof ProjectDiscoveryError) {
      return line(fail('project', subject, error.message, giveIt(policy.name, region)), false);
    }
    if (error instanceof CloudError) {
      const why = refusalOf(error)
        ? `see the ${refusalOf(error) === 'key' ? 'credentials' : refusalOf(error)} line`
        : error.code;
      return line(
        skip('project', subject, `not checkable: IAM project discovery failed (${error.code}), ${why}`),
        false,
      );
    }
    throw error;
  }
}

/** A given id the gateway refused for its region: the line becomes the ✗ that explains the rest. */
export function provenProject(line: ProjectLine, records: CallRecord[]): Check {
  const refused = records.find(
    (r) => r.cloud === 'huawei' && r.region === line.region && r.error && refusalOf(r.error) === 'project',
  );
  if (!refused?.error || line.check.status !== 'ok') return line.check;
  return fail(
    'project',
    line.check.subject,
    `${line.check.detail.split(' ')[0]} is refused in ${line.region}: ${refused.error.code}: ${refused.error.cloudMessage}`,
    giveIt(line.policy, line.region),
  );
}
