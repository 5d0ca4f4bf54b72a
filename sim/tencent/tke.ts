/**
 * TKE 2018-05-25 backup storage locations (the TKE 2018-05-25 API documentation,
 * the CreateBackupStorageLocation API page). Global: X-TC-Region is optional and
 * ignored, one repository serves clusters in every region.
 */
import { TencentApiError, type TencentActionSpec } from '../types';
import { isoSecondsZ } from './format';
import { invalidValue, tencentAction, readParams } from './params';
import type { LocationRecord, TencentState } from './state';

const SERVICE = 'tke';
const VERSION = '2018-05-25';
const MAX_LOCATIONS = 100;
const BUCKET_PREFIX = 'tke-backup';
const DEFAULT_PROVIDER = 'tencentcloud';
const MAX_NAME_CHARS = 63;
// UNCONFIRMED: the SDK says the name has "length 63"; a location is a Kubernetes object, so the
// simulator also holds names to the DNS-1123 label rule. The bucket's "length 19" note is too
// ambiguous to enforce and is not checked.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const CREATE_PARAMS = {
  StorageRegion: 'string',
  Bucket: 'string',
  Name: 'string',
  Provider: 'string',
  Path: 'string',
} as const;
const DESCRIBE_PARAMS = { Names: 'stringList' } as const;
const DELETE_PARAMS = { Name: 'string' } as const;

function renderLocation(l: LocationRecord): Record<string, unknown> {
  return {
    Name: l.name,
    StorageRegion: l.storageRegion,
    Provider: l.provider,
    Bucket: l.bucket,
    Path: l.path,
    State: l.state,
    Message: l.state === 'Available' ? 'success' : 'bucket is not reachable',
    LastValidationTime: isoSecondsZ(l.createdMs),
  };
}

export function createTkeActions(state: TencentState): TencentActionSpec[] {
  const action = tencentAction(SERVICE, VERSION);
  return [
    action('CreateBackupStorageLocation', ({ params, nowMs }) => {
      const p = readParams(params, CREATE_PARAMS, ['StorageRegion', 'Bucket', 'Name']);
      const name = p.Name ?? '';
      const bucket = p.Bucket ?? '';
      if (!bucket.startsWith(BUCKET_PREFIX)) throw invalidValue('Bucket', `must start with ${BUCKET_PREFIX}`);
      if (name.length > MAX_NAME_CHARS || !DNS_LABEL.test(name)) {
        throw invalidValue('Name', `at most ${MAX_NAME_CHARS} lower-case letters, digits and "-"`);
      }
      // UNCONFIRMED: Provider accepts only the default, `tencentcloud` (the documented example).
      if (p.Provider !== undefined && p.Provider !== DEFAULT_PROVIDER) {
        throw invalidValue('Provider', `must be ${DEFAULT_PROVIDER}`);
      }
      // UNCONFIRMED: a bucket that does not exist in StorageRegion is ResourceUnavailable, the
      // documented code for "resource is unavailable" (the repository could never be validated).
      if (!state.buckets.some((b) => b.name === bucket && b.region === p.StorageRegion)) {
        throw new TencentApiError(
          'ResourceUnavailable',
          `The COS bucket \`${bucket}\` does not exist in \`${p.StorageRegion}\`.`,
        );
      }
      // UNCONFIRMED: a duplicate name is InvalidParameter; no code for it is documented, and
      // InvalidParameter is the only documented one that fits. Clients must Describe to tell.
      if (state.locations.has(name)) {
        throw new TencentApiError(
          'InvalidParameter',
          `The backup storage location \`${name}\` already exists.`,
        );
      }
      if (state.locations.size >= MAX_LOCATIONS) {
        throw new TencentApiError(
          'LimitExceeded',
          `At most ${MAX_LOCATIONS} backup storage locations can be created.`,
        );
      }
      state.locations.set(name, {
        name,
        storageRegion: p.StorageRegion ?? '',
        bucket,
        provider: DEFAULT_PROVIDER,
        path: p.Path ?? '',
        state: 'Available',
        createdMs: nowMs,
      });
      return {};
    }),
    action('DescribeBackupStorageLocations', ({ params }) => {
      const p = readParams(params, DESCRIBE_PARAMS);
      const names = p.Names;
      const matching = [...state.locations.values()].filter((l) => !names || names.includes(l.name));
      // UNCONFIRMED: "may be null" is taken literally: an empty result is null, not [].
      return { BackupStorageLocationSet: matching.length === 0 ? null : matching.map(renderLocation) };
    }),
    action('DeleteBackupStorageLocation', ({ params }) => {
      const p = readParams(params, DELETE_PARAMS, ['Name']);
      if (!state.locations.delete(p.Name ?? '')) {
        throw new TencentApiError(
          'ResourceNotFound',
          `The backup storage location \`${p.Name}\` does not exist.`,
        );
      }
      return {};
    }),
  ];
}

export function tkeSnapshot(state: TencentState): unknown {
  return [...state.locations.values()].map(renderLocation);
}
