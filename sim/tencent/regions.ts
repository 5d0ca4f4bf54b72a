/**
 * Which regions the simulated Tencent Cloud answers, and on which host. Known: the official list
 * (lib/cloud/regions.ts, from the SDK) plus every region the seed places something in (a region
 * opened since the list was copied). Finance regions are isolated: only their regional host
 * `<service>.<region>.tencentcloudapi.com` serves them ("Request Structure": the nearest-region
 * host is "only for non-financial availability zones").
 */
import { isTencentFinanceRegion, TENCENT_REGIONS } from '../../lib/cloud/regions';
import type { SimSeed } from '../types';
import { TencentApiError } from '../types';

// `cbs.tencentcloudapi.com`, `cbs.ap-shanghai-fsi.tencentcloudapi.com`, `cbs.intl…`, any port.
const HOST = /^([a-z0-9]+)\.(?:([a-z0-9-]+)\.)?tencentcloudapi\.com(?::\d+)?$/i;

export function parseTencentHost(host: string | undefined): { service?: string; region?: string } {
  const match = HOST.exec(host ?? '');
  if (!match) return {};
  const region = match[2]?.toLowerCase();
  return { service: match[1]?.toLowerCase(), region: region === 'intl' ? undefined : region };
}

export function knownTencentRegions(seed: SimSeed['tencent']): ReadonlySet<string> {
  return new Set([
    ...TENCENT_REGIONS,
    ...(seed?.disks ?? []).map((d) => d.region),
    ...(seed?.mysql ?? []).map((m) => m.region),
    ...(seed?.cosBuckets ?? []).map((b) => b.region),
  ]);
}

/**
 * The region check every regional request passes before its action runs. The code for both
 * refusals is `UnsupportedRegion` (common error code: "The action is not supported in the given
 * region"). UNCONFIRMED: the finance-host refusal's code; the docs only say such requests must
 * use the finance host.
 */
export function checkTencentRegion(
  known: ReadonlySet<string>,
  region: string | undefined,
  host: string | undefined,
): void {
  if (region === undefined) return;
  if (!known.has(region))
    throw new TencentApiError('UnsupportedRegion', `The region \`${region}\` is not supported.`);
  const hostRegion = parseTencentHost(host).region;
  if (isTencentFinanceRegion(region) && hostRegion !== region) {
    throw new TencentApiError(
      'UnsupportedRegion',
      `The finance region \`${region}\` is served only on its regional host <service>.${region}.tencentcloudapi.com, not on \`${host ?? ''}\`.`,
    );
  }
}
