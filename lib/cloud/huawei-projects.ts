/**
 * Huawei project ids are per region ("a project corresponds to a region"). When a policy names
 * none, the id is found the way Huawei's SDKs do it: IAM `GET /v3/projects?name=<region>`, signed
 * with the AK/SK, sent to the region's IAM host (huaweicloud-sdk-go-v3 commit
 * 1cd70eb6f730ea721771a6ec8d96352bbb801787, `core/auth/basic_credentials.go` ProcessAuthParams,
 * `core/auth/internal/iam_helper.go` GetKeystoneListProjectsRequest). Asked once per region per
 * invocation: every caller for that region shares the one answer.
 */
import type { HuaweiCaller } from './types';

/** No project, or more than one, answers to the region's name: the SDK's two refusals. */
export class ProjectDiscoveryError extends Error {
  readonly code = 'ProjectDiscoveryFailed';
  constructor(message: string) {
    super(message);
    this.name = 'ProjectDiscoveryError';
  }
}

interface ProjectResult {
  id?: string;
  name?: string;
}

export type DiscoverProject = (region: string) => Promise<string>;

export function createProjectDiscovery(huawei: () => HuaweiCaller): DiscoverProject {
  const byRegion = new Map<string, Promise<string>>();
  const discover = async (region: string): Promise<string> => {
    const { body } = await huawei().call<{ projects?: ProjectResult[] }>({
      service: 'iam',
      action: 'KeystoneListProjects',
      region,
      method: 'GET',
      path: '/v3/projects',
      query: { name: region },
    });
    const ids = (body.projects ?? []).map((p) => p.id).filter((id): id is string => !!id);
    if (ids.length === 1) return ids[0] as string;
    if (ids.length === 0) {
      throw new ProjectDiscoveryError(
        `no Huawei project named ${region} in this account (IAM GET /v3/projects?name=${region}): ` +
          `is the region opened? Otherwise give its id in the policy's projectIds`,
      );
    }
    throw new ProjectDiscoveryError(
      `several Huawei projects are named ${region} (${ids.join(', ')}): name one in the policy's projectIds`,
    );
  };
  return (region) => {
    let found = byRegion.get(region);
    if (!found) {
      found = discover(region);
      byRegion.set(region, found);
    }
    return found;
  };
}
