/**
 * `scf-backup status` through the real CLI against the simulator: all fresh after a run (exit 0),
 * stale once `--now` is past the freshness bound (exit 1), the contract's JSON shape, and a
 * fleet of 2,000 disks judged with listing calls only, within the listing rates.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backupName } from '../../lib/engine/naming';
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { simAdmin } from '../helpers/sim-admin';

const lastGood = z
  .object({
    backupId: z.string().min(1),
    backupName: z.string().regex(/^scfb-/),
    slot: z.iso.datetime(),
    ageSeconds: z.int().min(0),
  })
  .nullable();
/** The contract's shape ("extend freely, rename nothing"): every named key present and typed. */
const statusJson = z.object({
  generatedAt: z.iso.datetime(),
  policies: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      freshnessSeconds: z.int().min(0),
      resources: z.array(
        z.object({
          resourceId: z.string().min(1),
          region: z.string().min(1),
          verdict: z.enum(['fresh', 'stale', 'never', 'failed', 'creating', 'present', 'missing']),
          lastGood,
          kept: z.int().min(0),
        }),
      ),
    }),
  ),
  totals: z.object({
    fresh: z.int(),
    stale: z.int(),
    never: z.int(),
    failed: z.int(),
    creating: z.int(),
  }),
});
type StatusJson = z.infer<typeof statusJson>;

const verdicts = (status: StatusJson) =>
  status.policies.flatMap((p) => p.resources.map((r) => `${p.name} ${r.resourceId} ${r.verdict}`));

describe('scf-backup status with the example policy', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: EXAMPLE_SEED_PATH, transitionMs: 50 });
  });
  afterAll(() => sim?.stop());

  it('is all fresh after a run (exit 0), stale past the bound (exit 1), read-only throughout', async () => {
    const before = await cli(['status', '--sim', sim.url, '--json']);
    expect(before.code).toBe(1);
    expect(statusJson.parse(JSON.parse(before.stdout)).totals.never).toBe(8);

    const run = await cli(['run', '--sim', sim.url, '--json']);
    expect(run.code).toBe(0);
    await new Promise((r) => setTimeout(r, 200)); // the simulator finishes backups after 50 ms
    const stateBefore = JSON.stringify(sim.state());
    const after = await cli(['status', '--sim', sim.url, '--json']);
    const fresh = statusJson.parse(JSON.parse(after.stdout));
    expect(after.code).toBe(0);
    expect(fresh.totals).toMatchObject({ fresh: 8, stale: 0, never: 0, failed: 0, creating: 0 });
    expect(verdicts(fresh).filter((v) => !v.endsWith(' fresh') && !v.endsWith(' present'))).toEqual([]);
    for (const r of fresh.policies.flatMap((p) => (p.kind === 'tke-repository' ? [] : p.resources))) {
      expect(r.lastGood).not.toBeNull();
      expect(r.kept).toBe(1);
    }

    // Past every policy's bound (the weekly DWS policy's is the longest: a week plus a week).
    const later = new Date(Date.now() + 15 * 86_400_000).toISOString();
    const stale = await cli(['status', '--sim', sim.url, '--json', '--now', later]);
    expect(stale.code).toBe(1);
    expect(statusJson.parse(JSON.parse(stale.stdout)).totals).toMatchObject({ fresh: 0, stale: 8 });
    expect(JSON.stringify(sim.state())).toBe(stateBefore);

    const table = await cli(['status', '--sim', sim.url, '--now', later]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(
      /disk-0001\s+ap-guangzhou\s+stale\s+scfb-nightly-disks-\S+\s+\S+Z\s+1[56] days ago\s+1/,
    );
    expect(table.stdout).toMatch(/prod-backups\s+ap-guangzhou\s+present/);
    expect(table.stdout.trim().split('\n').at(-1)).toMatch(
      /: 0 fresh, 8 stale, 0 never, 0 failed, 2 present$/,
    );
  });

  it('exits 2 for bad input', async () => {
    const result = await cli(['status', '--sim', sim.url, '--now', 'yesterday']);
    expect(result.code).toBe(2);
    const unknown = await cli(['status', '--sim', sim.url, '--only', 'nightly-disk']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nightly-disks');
  });
});

describe('scf-backup status over 2,000 disks', () => {
  const DISKS = 2000;
  const POLICY = resolve(__dirname, '../fixtures/policies/bulk-disks.yaml');
  const NOW = '2026-11-24T18:00:05Z';
  const SLOT = new Date('2026-11-23T18:00:00Z'); // 02:00 Asia/Shanghai, the latest slot at NOW
  const OLD_SLOT = new Date('2026-11-20T18:00:00Z'); // past the bound of a day plus a day
  let sim: RunningSimulator;

  beforeAll(async () => {
    expect(readFileSync(POLICY, 'utf8')).toContain('catchUp: 1d');
    const disks = Array.from({ length: DISKS }, (_, i) => ({
      id: `disk-${String(i).padStart(8, '0')}`,
      region: 'ap-guangzhou',
      tags: { backup: 'bulk' },
    }));
    // Every disk fresh but the last ten: five stale, five never backed up.
    const diskBackups = disks.slice(0, DISKS - 5).map((d, i) => {
      const slot = i >= DISKS - 10 ? OLD_SLOT : SLOT;
      return { diskId: d.id, name: backupName('bulk-disks', slot, d.id), createTime: slot.toISOString() };
    });
    // The API's documented rates are enforced (rateLimits defaults to on).
    sim = await startSimulator({ seed: { tencent: { disks, diskBackups } } });
  }, 60_000);
  afterAll(() => sim?.stop());

  it('judges every disk with 20 + 20 listing calls, none throttled, and writes the HTML page', async () => {
    const html = join(mkdtempSync(join(tmpdir(), 'status-')), 'status.html');
    const result = await cli([
      'status',
      '--policy',
      POLICY,
      '--sim',
      sim.url,
      '--json',
      '--now',
      NOW,
      '--html',
      html,
    ]);
    expect(result.code).toBe(1);
    const status = statusJson.parse(JSON.parse(result.stdout));
    expect(status.totals).toMatchObject({ fresh: DISKS - 10, stale: 5, never: 5, failed: 0 });
    const stats = await simAdmin(sim.url).stats();
    expect(Object.keys(stats).sort()).toEqual(['cbs.DescribeDiskBackups', 'cbs.DescribeDisks']);
    expect(stats['cbs.DescribeDisks']).toMatchObject({ calls: DISKS / 100, throttled: 0 });
    expect(stats['cbs.DescribeDiskBackups']).toMatchObject({ calls: DISKS / 100, throttled: 0 });
    expect(readFileSync(html, 'utf8')).toContain('<td>disk-00001999</td>');
  }, 60_000);
});
