/**
 * TKE backup storage locations (tke 2018-05-25): ensured, never duplicated. A repository that
 * exists with other settings is drift, reported and left alone: changing where cluster backups
 * go is a decision for a person, not for a timer.
 */
import { TENCENT_REGIONS } from '../cloud/regions';
import type {
  BackupStorageLocation,
  DescribeBackupStorageLocationsResponse,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/tke/v20180525/tke_models';
import { allowRegions, type KindPolicy } from '../policy/kind-fields';
import { ensureKind } from './define';
import { TKE_REPOSITORY_RESPONSE_FIELDS } from './tke-repository-fields';
import { repositories } from './tke-repository-options';
import type { EnsureCheck } from './types';

const OPTIONS = { repositories, allowRegions: allowRegions('tencent') };
export type TkeRepositoryPolicy = KindPolicy<'tke-repository', typeof OPTIONS>;

const SERVICE = 'tke';
const VERSION = '2018-05-25';
/** The repository API is global: one location serves clusters in every region. */
const NO_REGION = undefined;
const DEFAULT_PROVIDER = 'tencentcloud';

type Desired = TkeRepositoryPolicy['repositories'][number];

const APPID_SUFFIX = /-\d{5,}$/;

/**
 * A bucket with or without its `-<appid>` suffix names the same bucket (the API's examples use
 * both `tke-backup-xxx` and full COS names): when one side lacks the suffix, both are compared
 * without it, so neither form reads as drift forever. Two full names compare as written.
 */
export function sameBucket(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (APPID_SUFFIX.test(x) && APPID_SUFFIX.test(y)) return x === y;
  return x.replace(APPID_SUFFIX, '') === y.replace(APPID_SUFFIX, '');
}

function driftOf(desired: Desired, actual: BackupStorageLocation): string[] {
  const differences: string[] = [];
  const compare = (field: string, want: string, have: string | undefined) => {
    if (want !== (have ?? '')) differences.push(`${field} is '${have ?? ''}', policy says '${want}'`);
  };
  compare('storageRegion', desired.storageRegion, actual.StorageRegion);
  if (!sameBucket(desired.bucket, actual.Bucket ?? ''))
    differences.push(`bucket is '${actual.Bucket ?? ''}', policy says '${desired.bucket}'`);
  compare('path', desired.path ?? '', actual.Path);
  if (actual.Provider) compare('provider', desired.provider ?? DEFAULT_PROVIDER, actual.Provider);
  return differences;
}

export const tkeRepositoryTarget = ensureKind<TkeRepositoryPolicy>({
  mode: 'ensure',
  kind: 'tke-repository',
  cloud: 'tencent',
  function: 'backup-repository',
  options: OPTIONS,
  knownRegions: TENCENT_REGIONS,
  // Nothing is backed up, so nothing is busy or over quota; a missing repository is created, so
  // not-found is the generic ResourceNotFound (lib/errors/cloud-error.ts).
  errors: { busy: [], notFound: [], quota: [] },
  responseFields: TKE_REPOSITORY_RESPONSE_FIELDS,
  // Rates: the API pages' documented defaults (TKE 2018-05-25).
  calls: {
    'tke.DescribeBackupStorageLocations': { perSecond: 20, action: 'tke:DescribeBackupStorageLocations' },
    'tke.CreateBackupStorageLocation': { perSecond: 20, action: 'tke:CreateBackupStorageLocation' },
  },

  async check(policy, clients) {
    const response = await clients
      .tencent()
      .call<DescribeBackupStorageLocationsResponse>(
        SERVICE,
        VERSION,
        'DescribeBackupStorageLocations',
        NO_REGION,
        {
          Names: policy.repositories.map((r) => r.name),
        },
      );
    const existing = new Map((response.BackupStorageLocationSet ?? []).map((l) => [l.Name ?? '', l]));
    return policy.repositories.map((desired): EnsureCheck => {
      const base = { resourceId: desired.name, region: desired.storageRegion };
      const actual = existing.get(desired.name);
      if (!actual) return { ...base, decision: 'create', reason: 'repository does not exist' };
      const drift = driftOf(desired, actual);
      if (drift.length > 0) return { ...base, decision: 'drift', reason: `drift: ${drift.join('; ')}` };
      if (actual.State !== 'Available') {
        return {
          ...base,
          decision: 'unavailable',
          reason: `repository is ${actual.State ?? 'in an unknown state'}${actual.Message ? `: ${actual.Message}` : ''}`,
        };
      }
      return {
        ...base,
        decision: 'present',
        reason: 'repository exists with the policy settings and is Available',
      };
    });
  },

  async create(policy, name, clients) {
    const desired = policy.repositories.find((r) => r.name === name);
    if (!desired) throw new Error(`tke-repository: no repository '${name}' in policy ${policy.name}`);
    const response = await clients.tencent().call(
      SERVICE,
      VERSION,
      'CreateBackupStorageLocation',
      NO_REGION,
      {
        Name: desired.name,
        StorageRegion: desired.storageRegion,
        Bucket: desired.bucket,
        ...(desired.path ? { Path: desired.path } : {}),
        ...(desired.provider ? { Provider: desired.provider } : {}),
      },
      { mutating: true },
    );
    return { requestId: response.RequestId };
  },
});
