/**
 * TKE backup repositories are ensured, not backed up: created when missing, left alone when
 * present as the policy says, and reported (never changed) when they differ or are unusable.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { NOW, daysAfter } from '../helpers/backup-kinds';
import { lines, targetsOf } from '../helpers/report-lines';
import { callsSince, harnessPool } from '../helpers/sim-harness';
import { TKE_REPOSITORIES, TKE_SEED, tkePolicyYaml, tkeSeed } from '../helpers/tke';

const pool = harnessPool();
afterAll(() => pool.stopAll());

const CREATE = 'tke.CreateBackupStorageLocation';
const [PROD, DR] = TKE_REPOSITORIES as [(typeof TKE_REPOSITORIES)[0], (typeof TKE_REPOSITORIES)[0]];

describe.concurrent('the engine with tke-repository', () => {
  it('creates the missing repositories with the policy settings', async () => {
    const h = await pool.start({ seed: TKE_SEED });

    const report = await h.run(h.policy(tkePolicyYaml(TKE_REPOSITORIES)), { now: NOW });

    expect(lines(report)).toEqual(['dr-backups ensure done', 'prod-backups ensure done']);
    expect(targetsOf(report).map((t) => [t.resourceId, t.provider, t.region])).toEqual([
      ['prod-backups', 'tencent', 'ap-guangzhou'],
      ['dr-backups', 'tencent', 'ap-shanghai'],
    ]);
    const locations = (await h.state()).tencent.backupStorageLocations;
    for (const repo of [PROD, DR]) {
      expect(locations.find((l) => l.Name === repo.name)).toMatchObject({
        StorageRegion: repo.storageRegion,
        Bucket: repo.bucket,
        Path: repo.path,
        State: 'Available',
      });
    }
  });

  it('skips repositories that are present and identical, on the next run and a week later', async () => {
    const h = await pool.start({ seed: TKE_SEED });
    const file = h.policy(tkePolicyYaml(TKE_REPOSITORIES));
    await h.run(file, { now: NOW });
    const before = await h.stats();

    for (const now of [NOW, daysAfter(NOW, 7)]) {
      const report = await h.run(file, { now });
      expect(lines(report)).toEqual(['dr-backups ensure skipped', 'prod-backups ensure skipped']);
      for (const target of targetsOf(report)) {
        expect(target.reason).toBe('repository exists with the policy settings and is Available');
      }
    }
    expect(callsSince(before, await h.stats(), CREATE)).toBe(0);
  });

  it('reports drift as a failure and changes nothing', async () => {
    const drifted = { ...PROD, bucket: 'tke-backup-other-1250000000', path: 'somewhere/else' };
    const h = await pool.start({ seed: tkeSeed([drifted]) });
    const stateBefore = await h.state();

    const report = await h.run(h.policy(tkePolicyYaml([PROD])), { now: NOW });

    expect(lines(report)).toEqual(['prod-backups ensure failed']);
    const [target] = targetsOf(report);
    expect(target?.error?.code).toBe('Drift');
    expect(target?.reason).toContain(`bucket is '${drifted.bucket}', policy says '${PROD.bucket}'`);
    expect(target?.reason).toContain(`path is '${drifted.path}', policy says '${PROD.path}'`);
    expect(await h.state()).toEqual(stateBefore);
    expect((await h.stats())[CREATE]).toBeUndefined();
  });

  it('reports a repository that is not Available, without touching it', async () => {
    const h = await pool.start({ seed: tkeSeed([{ ...PROD, state: 'Unavailable' }]) });

    const report = await h.run(h.policy(tkePolicyYaml([PROD])), { now: NOW });

    expect(lines(report)).toEqual(['prod-backups ensure failed']);
    const [target] = targetsOf(report);
    expect(target?.error?.code).toBe('RepositoryUnavailable');
    expect(target?.reason).toContain('repository is Unavailable');
    expect((await h.stats())[CREATE]).toBeUndefined();
  });

  it('plans the creations in a dry run and changes nothing', async () => {
    const h = await pool.start({ seed: TKE_SEED });
    const stateBefore = await h.state();

    const report = await h.run(h.policy(tkePolicyYaml(TKE_REPOSITORIES)), { now: NOW, dryRun: true });

    expect(lines(report)).toEqual(['dr-backups ensure planned', 'prod-backups ensure planned']);
    expect(await h.state()).toEqual(stateBefore);
    expect(Object.keys(await h.stats())).toEqual(['tke.DescribeBackupStorageLocations']);
  });

  it('reports a refused creation with the cloud code and request id', async () => {
    const h = await pool.start({ seed: TKE_SEED });
    await h.faults({ errorRate: 1, errorCodes: ['ResourceUnavailable'], actions: [CREATE] });

    const report = await h.run(h.policy(tkePolicyYaml([PROD])), { now: NOW });

    expect(lines(report)).toEqual(['prod-backups ensure failed']);
    const [target] = targetsOf(report);
    expect(target?.error?.code).toBe('ResourceUnavailable');
    expect(target?.error?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await h.state()).tencent.backupStorageLocations.map((l) => l.Name)).toEqual(['legacy-repo']);
  });
});
