/** TKE 2018-05-25 backup storage locations through real HTTP: the global repository rules. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { TKE, tc3Call } from './sim-helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false });
});
beforeEach(() => sim.reset());
afterAll(() => sim.stop());

async function tke(action: string, params: Record<string, unknown> = {}) {
  const { json } = await tc3Call(sim, { ...TKE, action, params });
  return json.Response;
}
const codeOf = async (action: string, params: Record<string, unknown>) =>
  (await tke(action, params)).Error?.Code ?? 'OK';
const location = { StorageRegion: 'ap-guangzhou', Bucket: 'tke-backup-1250000000', Name: 'repo-1' };

describe('CreateBackupStorageLocation', () => {
  it('needs StorageRegion, Bucket and Name, and no region header', async () => {
    for (const missing of ['StorageRegion', 'Bucket', 'Name'] as const) {
      const { [missing]: _, ...rest } = location;
      expect(await codeOf('CreateBackupStorageLocation', rest)).toBe('MissingParameter');
    }
    expect(await codeOf('CreateBackupStorageLocation', location)).toBe('OK');
  });

  it('checks the bucket prefix, that the bucket exists in the region, the name and the provider', async () => {
    expect(await codeOf('CreateBackupStorageLocation', { ...location, Bucket: 'app-logs-1250000000' })).toBe(
      'InvalidParameterValue',
    );
    expect(await codeOf('CreateBackupStorageLocation', { ...location, Bucket: 'tke-backup-missing' })).toBe(
      'ResourceUnavailable',
    );
    expect(await codeOf('CreateBackupStorageLocation', { ...location, StorageRegion: 'ap-shanghai' })).toBe(
      'ResourceUnavailable',
    );
    expect(await codeOf('CreateBackupStorageLocation', { ...location, Name: 'Bad_Name' })).toBe(
      'InvalidParameterValue',
    );
    expect(await codeOf('CreateBackupStorageLocation', { ...location, Provider: 'aws' })).toBe(
      'InvalidParameterValue',
    );
    expect(await codeOf('CreateBackupStorageLocation', { ...location, Extra: 1 })).toBe('UnknownParameter');
  });

  it('refuses a duplicate name and more than 100 locations', async () => {
    expect(await codeOf('CreateBackupStorageLocation', location)).toBe('OK');
    expect(await codeOf('CreateBackupStorageLocation', location)).toBe('InvalidParameter');
    // The example seed already holds one location (legacy-repo).
    for (let i = 2; i <= 99; i += 1) {
      expect(await codeOf('CreateBackupStorageLocation', { ...location, Name: `repo-${i}` })).toBe('OK');
    }
    expect(await codeOf('CreateBackupStorageLocation', { ...location, Name: 'repo-101' })).toBe(
      'LimitExceeded',
    );
  });
});

describe('DescribeBackupStorageLocations and DeleteBackupStorageLocation', () => {
  it('lists all or by name (null when none) and deletes by name', async () => {
    expect((await tke('DescribeBackupStorageLocations')).BackupStorageLocationSet).toHaveLength(1);
    expect(
      (await tke('DescribeBackupStorageLocations', { Names: ['nope'] })).BackupStorageLocationSet,
    ).toBeNull();
    expect(await codeOf('DeleteBackupStorageLocation', { Name: 'nope' })).toBe('ResourceNotFound');
    expect(await codeOf('DeleteBackupStorageLocation', { Name: 'legacy-repo' })).toBe('OK');
    expect((await tke('DescribeBackupStorageLocations')).BackupStorageLocationSet).toBeNull();
  });
});
