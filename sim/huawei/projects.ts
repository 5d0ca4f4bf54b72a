/**
 * Huawei projects are per region. The seed gives `projects` (region → id) or, for a seed with one
 * Huawei region, `projectId` alone; the simulator keeps one state per project and answers IAM's
 * project listing (KeystoneListProjects, `GET /v3/projects?name=<region>`) the way the SDKs'
 * discovery reads it (huaweicloud-sdk-go-v3 1cd70eb6f730ea721771a6ec8d96352bbb801787,
 * core/auth/internal/iam_model.go: `projects[].id`, `projects[].name`).
 */
import type { HuaweiRouteSpec, SimSeed } from '../types';
import { HuaweiApiError } from '../types';

/** The contract's example project id, used when a seed has no Huawei part at all. */
export const DEFAULT_HUAWEI_PROJECT_ID = '0123456789abcdef0123456789abcdef';
/** Where `projectId` alone lives when the seed places no resource anywhere. */
export const DEFAULT_HUAWEI_REGION = 'cn-north-4';

/** Region → project id of a validated seed. */
export function seedProjects(seed: SimSeed['huawei']): Record<string, string> {
  if (seed?.projects) return { ...seed.projects };
  const regions = [...(seed?.dwsClusters ?? []), ...(seed?.gaussdbInstances ?? [])].map((r) => r.region);
  return { [regions[0] ?? DEFAULT_HUAWEI_REGION]: seed?.projectId ?? DEFAULT_HUAWEI_PROJECT_ID };
}

/** The `<service>.<region>.myhuaweicloud.{com,eu,cn}` host's region, or undefined for any other host. */
export function regionOfHost(host: string | undefined): string | undefined {
  const labels = (host ?? '').replace(/:\d+$/, '').toLowerCase().split('.');
  if (labels.length !== 4 || labels[2] !== 'myhuaweicloud' || !['com', 'eu', 'cn'].includes(labels[3] ?? ''))
    return undefined;
  return labels[1];
}

/**
 * A path project that is not the request's region's. UNCONFIRMED: the code; the gateway refuses
 * what IAM cannot authorize, so this is the gateway's 401 APIGW.0301 "Incorrect IAM
 * authentication information", as for any other credential that does not fit the request.
 */
export function wrongProject(projectId: string, region: string): HuaweiApiError {
  return new HuaweiApiError(
    401,
    'APIGW.0301',
    `Incorrect IAM authentication information: project ${projectId} is not a project of region ${region}.`,
  );
}

/**
 * A host naming a region the service is not offered in. The real host does not resolve at all;
 * UNCONFIRMED: the simulator, which is reached anyway, answers as API Gateway does for an API it
 * does not publish: 404 APIGW.0101.
 */
export function unknownRegion(service: string, region: string): HuaweiApiError {
  return new HuaweiApiError(
    404,
    'APIGW.0101',
    `The API does not exist or has not been published in the environment (${service} in region ${region}).`,
  );
}

export function createIamRoute(projects: Readonly<Record<string, string>>): HuaweiRouteSpec {
  return {
    service: 'iam',
    action: 'KeystoneListProjects',
    method: 'GET',
    path: /^\/v3\/projects\/?$/,
    handle({ query }) {
      const name = query.get('name');
      const listed = Object.entries(projects).filter(([region]) => name === null || region === name);
      return {
        status: 200,
        body: {
          links: { self: 'https://iam.myhuaweicloud.com/v3/projects' },
          projects: listed.map(([region, id]) => ({
            id,
            name: region,
            domain_id: 'd78cbac186b744899480f25bd022f468',
            parent_id: 'd78cbac186b744899480f25bd022f468',
            is_domain: false,
            enabled: true,
            description: '',
            links: { self: `https://iam.myhuaweicloud.com/v3/projects/${id}` },
          })),
        },
      };
    },
  };
}
