/**
 * "Run now" that tells the truth (issue 13 item 1), through the CLI against one simulator: with
 * nothing due, `run --force` backs up under an on-demand slot at the current minute (the name
 * says when the data was taken), is idempotent within that minute, makes a new backup the next
 * minute, and retention ranks those backups by their time among the scheduled ones.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupName } from '../../lib/engine/naming';
import type { RunReport } from '../../lib/engine/types';
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { simAdmin } from '../helpers/sim-admin';

// Weekly, Sundays 02:00 Shanghai (Saturday 18:00 UTC); a Thursday run is not due.
const POLICY = `version: 1
policies:
  - name: weekly
    kind: cbs-disk
    schedule: '0 0 2 * * SUN *'
    regions: [ap-guangzhou]
    select: { ids: [disk-0001] }
    retention: { keepLast: 2 }
`;

let sim: RunningSimulator;
let policy: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
  policy = join(mkdtempSync(join(tmpdir(), 'scfb-run-now-')), 'weekly.yaml');
  writeFileSync(policy, POLICY);
});
afterAll(() => sim.stop());

async function run(now: string, ...flags: string[]): Promise<RunReport> {
  const result = await cli(['run', '--policy', policy, '--sim', sim.url, '--now', now, '--json', ...flags]);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as RunReport;
}

/** The simulator's state holds CBS's own DiskBackup records. */
interface DiskBackup {
  DiskId: string;
  DiskBackupName: string;
  DiskBackupState: string;
}
async function ourBackups(): Promise<Array<{ name: string; state: string }>> {
  const state = await simAdmin<{ tencent: { diskBackups: DiskBackup[] } }>(sim.url).state();
  return state.tencent.diskBackups
    .filter((b) => b.DiskId === 'disk-0001' && b.DiskBackupName.startsWith('scfb-weekly-'))
    .map((b) => ({ name: b.DiskBackupName, state: b.DiskBackupState }));
}

/** The simulator finishes a backup 2 s after it starts: wait until ours are all done. */
async function allDone(): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const backups = await ourBackups();
    if (backups.length > 0 && backups.every((b) => b.state === 'NORMAL')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('backups still being created after 20 s');
}

describe('run --force with nothing due', () => {
  const at = (iso: string) => backupName('weekly', new Date(iso), 'disk-0001');

  it('without --force: not due, nothing made', async () => {
    const report = await run('2026-11-26T10:20:30Z');

    expect(report.policies[0]?.targets).toEqual([]);
    expect(report.policies[0]?.reason).toMatch(/^not due: latest slot 2026-11-21T18:00:00Z is 4 d 16 h old/);
  });

  it('backs up under the current minute, named for it, marked on demand', async () => {
    const report = await run('2026-11-26T10:20:30Z', '--force');

    const policyReport = report.policies[0];
    expect(policyReport?.slot).toBe('2026-11-26T10:20:00Z');
    expect(policyReport?.onDemand).toBe(true);
    expect(policyReport?.targets.map((t) => [t.action, t.outcome, t.backupName])).toEqual([
      ['create', 'done', at('2026-11-26T10:20:00Z')],
    ]);
    expect(at('2026-11-26T10:20:00Z')).toMatch(/^scfb-weekly-20261126T102000Z-[0-9a-f]{10}$/);
  });

  it('is idempotent within that minute', async () => {
    const report = await run('2026-11-26T10:20:59Z', '--force');

    expect(report.policies[0]?.targets.map((t) => [t.action, t.outcome])).toEqual([['skip', 'skipped']]);
    expect((await ourBackups()).map((b) => b.name)).toEqual([at('2026-11-26T10:20:00Z')]);
  });

  it('makes a new backup the next minute', async () => {
    const report = await run('2026-11-26T10:21:05Z', '--force');

    expect(report.policies[0]?.targets.map((t) => [t.action, t.outcome, t.backupName])).toEqual([
      ['create', 'done', at('2026-11-26T10:21:00Z')],
    ]);
  });

  it('is kept by the same retention, ranked by its time among the scheduled backups', async () => {
    await allDone();
    // The Sunday slot: keepLast 2 keeps it and the newer on-demand backup, and prunes the older.
    const report = await run('2026-11-28T18:05:00Z');

    expect(report.policies[0]?.onDemand).toBeUndefined();
    expect(report.policies[0]?.targets.map((t) => [t.action, t.outcome, t.backupName])).toEqual([
      ['create', 'done', at('2026-11-28T18:00:00Z')],
      ['prune', 'done', at('2026-11-26T10:20:00Z')],
    ]);
    expect((await ourBackups()).map((b) => b.name).sort()).toEqual(
      [at('2026-11-26T10:21:00Z'), at('2026-11-28T18:00:00Z')].sort(),
    );
  });

  it('with a slot due, --force backs up that slot, not an on-demand one', async () => {
    const report = await run('2026-11-28T18:30:00Z', '--force');

    expect(report.policies[0]?.slot).toBe('2026-11-28T18:00:00Z');
    expect(report.policies[0]?.onDemand).toBeUndefined();
    expect(report.policies[0]?.targets[0]?.action).toBe('skip');
  });
});
