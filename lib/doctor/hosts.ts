/**
 * Endpoints and clocks. The hosts come from the clients' own URL code (tencentUrl, huaweiUrl), so
 * the doctor checks exactly the hosts a run calls. Each answers one unsigned request; any HTTP
 * answer proves the host is reachable, and its `Date` header gives the server's time.
 */
import type { Cloud } from '../errors/cloud-error';
import { huaweiUrl } from '../cloud/huawei';
import { tencentHost } from '../cloud/regions';
import { tencentUrl } from '../cloud/tencent';
import { givenProjectId } from '../targets/huawei-project';
import { headerValue } from '../http/send';
import type { HttpTransport } from '../http/types';
import type { BackupPolicy } from '../policy/schema';
import { TARGETS } from '../targets/registry';
import { isHuaweiPolicy } from './projects';
import { fail, ok, skip, type Check } from './types';

/**
 * How far the local clock may be from the server's before signatures are refused: Tencent's
 * `AuthFailure.SignatureExpire` past 5 minutes (API 3.0 common error codes, "Timestamp and server
 * time cannot differ by more than five minutes"); Huawei's gateway past 15 minutes (APIG
 * "Incorrect IAM authentication information: verify aksk signature fail" troubleshooting;
 * Huawei Cloud's API gateway AK/SK signing documentation).
 */
export const MAX_SKEW_MS: Record<Cloud, number> = { tencent: 5 * 60_000, huawei: 15 * 60_000 };

export interface Endpoints {
  tencent?: string;
  huawei?: string;
}

export interface HostProbe {
  origin: string;
  clouds: Cloud[];
  /** `<region> of policy <name>` for a region's own host. */
  regional: string[];
  ms: number;
  /** Server time minus local time (midpoint of the exchange), when the answer had a Date. */
  skewMs?: number;
  error?: string;
}

const servicesOf = (policy: BackupPolicy): string[] => [
  ...new Set(TARGETS[policy.kind].apis.map((api) => api.split('.')[0] as string)),
];

/** Who calls a host: the clouds, and for a region's own host (Huawei's), which policy and region. */
export interface HostUse {
  clouds: Set<Cloud>;
  /** `<region> of policy <name>`: what to correct when the host does not exist. */
  regional: Set<string>;
}

export interface HostOptions {
  endpoints: Endpoints;
  /** TENCENTCLOUD_REGIONAL_HOSTS: regional Tencent hosts for every region. */
  tencentRegional?: boolean;
  /** HUAWEICLOUD_SDK_PROJECT_ID: a region with no id given is discovered through its IAM host. */
  huaweiProjectId?: string;
}

/** Each origin the policies' calls go to, with who calls it. */
export function hostsOf(policies: BackupPolicy[], options: HostOptions): Map<string, HostUse> {
  const { endpoints } = options;
  const hosts = new Map<string, HostUse>();
  const add = (origin: string, cloud: Cloud, regional?: string) => {
    const use = hosts.get(origin) ?? { clouds: new Set<Cloud>(), regional: new Set<string>() };
    use.clouds.add(cloud);
    // Behind an endpoint override (the simulator) the host names no region.
    const override = endpoints[cloud];
    if (regional && !(override && origin === new URL(override).origin)) use.regional.add(regional);
    hosts.set(origin, use);
  };
  const huawei = (service: string, region: string, policy: string) => {
    const request = { service, region, path: '/', action: '', method: 'GET' as const };
    add(huaweiUrl(request, endpoints.huawei).origin, 'huawei', `${region} of policy ${policy}`);
  };
  for (const policy of policies) {
    const { cloud } = TARGETS[policy.kind];
    // TKE repositories are global (no region); the others are called in each of their regions.
    const regions: Array<string | undefined> = 'regions' in policy ? policy.regions : [undefined];
    for (const service of servicesOf(policy)) {
      for (const region of regions) {
        if (cloud === 'tencent') {
          const host = tencentHost(service, region, options.tencentRegional);
          add(tencentUrl(host, endpoints.tencent).origin, cloud);
        } else if (region) {
          huawei(service, region, policy.name);
        }
      }
    }
    if (!isHuaweiPolicy(policy)) continue;
    for (const region of policy.regions) {
      if (!givenProjectId(policy, region, options.huaweiProjectId)) huawei('iam', region, policy.name);
    }
  }
  return hosts;
}

export async function probeHost(
  transport: HttpTransport,
  origin: string,
  use: HostUse,
  clock: () => number,
): Promise<HostProbe> {
  const clouds = [...use.clouds];
  const regional = [...use.regional];
  const startedMs = clock();
  try {
    const response = await transport({
      method: 'GET',
      url: `${origin}/`,
      connectTimeoutMs: 5_000,
      timeoutMs: 10_000,
    });
    const endedMs = clock();
    const date = Date.parse(headerValue(response.headers, 'date') ?? '');
    // A Date names a whole second: its middle is the best guess of the server's instant.
    const skewMs = Number.isNaN(date) ? undefined : date + 500 - (startedMs + endedMs) / 2;
    return { origin, clouds, regional, ms: endedMs - startedMs, ...(skewMs === undefined ? {} : { skewMs }) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      origin,
      clouds,
      regional,
      ms: clock() - startedMs,
      error: typeof code === 'string' ? code : String(error),
    };
  }
}

export function endpointCheck(probe: HostProbe): Check {
  const subject = `${probe.origin} (${probe.clouds.join(', ')})`;
  if (probe.error === undefined) return ok('endpoint', subject, 'answers', probe.ms);
  const reach =
    'let the function (or this machine) reach the host: public network access or a NAT gateway for a VPC function, DNS, firewall';
  // A region's own host that does not resolve is most often a region name that does not exist.
  const fix =
    probe.regional.length > 0 && /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/.test(probe.error)
      ? `correct region ${probe.regional.join(', ')}; or ${reach}`
      : reach;
  return fail('endpoint', subject, `no answer: ${probe.error}`, fix);
}

function duration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** One line per cloud, from the first of its hosts that answered with a Date. */
export function clockCheck(cloud: Cloud, probes: HostProbe[]): Check {
  const probe = probes.find((p) => p.clouds.includes(cloud) && p.skewMs !== undefined);
  if (probe?.skewMs === undefined) {
    return skip('clock', cloud, 'not checkable: no host of this cloud answered with a Date header');
  }
  const skewMs = Math.round(probe.skewMs);
  const limit = duration(MAX_SKEW_MS[cloud]);
  if (Math.abs(skewMs) <= MAX_SKEW_MS[cloud]) {
    return { ...ok('clock', cloud, `the local clock agrees with ${probe.origin} within ${limit}`), skewMs };
  }
  const how = `the local clock is ${duration(skewMs)} ${skewMs > 0 ? 'behind' : 'ahead of'} ${probe.origin}`;
  return {
    ...fail(
      'clock',
      cloud,
      `${how}: ${cloud} refuses signatures more than ${limit} off`,
      'synchronise the clock (NTP) of the machine that runs scf-backup',
    ),
    skewMs,
  };
}
