/**
 * The standing crash test (issue 9): `scf-backup run` over 100 disks with latency on every call,
 * its process killed with SIGKILL at seeded random points, then run again until one run finishes.
 * However the kills fall, the slot ends with exactly one backup per disk and the last run accounts
 * for every disk. Kill points are counted in calls the simulator has received, not in time, so a
 * busy machine moves them nowhere. The command is bundled from the sources once (what
 * bin/scf-backup.cjs runs, without tsx compiling it again at every start).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { ourName } from '../helpers/backup-kinds';
import { simEnv } from '../helpers/sim-harness';

const DISKS = Array.from({ length: 100 }, (_, i) => `disk-${String(i).padStart(8, '0')}`);
const KILLS = 5;
/** Change the seed to move every kill point; the failure message names it. */
const SEED = 20261124;
const NOW = '2026-11-24T18:30:00Z';
const SLOT = new Date('2026-11-24T18:00:00Z');
const POLICY = `version: 1
policies:
  - name: crash-disks
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    regions: [ap-guangzhou]
    select: { tags: { backup: crash } }
    retention: { keepLast: 7 }
`;

/** mulberry32: the kill points are the same on every run of the suite. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

describe('a run killed with SIGKILL at random points and run again', () => {
  let sim: RunningSimulator;
  let policyPath: string;
  let command: string;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      seed: {
        tencent: { disks: DISKS.map((id) => ({ id, region: 'ap-guangzhou', tags: { backup: 'crash' } })) },
      },
      // Backups finish at once: a disk is never busy, so only the names stop a second backup.
      transitionMs: 1,
    });
    // Every call waits, so each kill lands with calls in flight (some carried out, some not).
    sim.setFaults({ latencyMs: 25 });
    const dir = mkdtempSync(join(tmpdir(), 'scfb-crash-'));
    policyPath = join(dir, 'policy.yaml');
    writeFileSync(policyPath, POLICY);
    command = join(dir, 'scf-backup.cjs');
    await build({
      stdin: {
        contents:
          "require('./lib/cli/main.ts').main(process.argv.slice(2)).then((c) => { process.exitCode = c; });",
        resolveDir: process.cwd(),
        loader: 'js',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: command,
      logLevel: 'error',
    });
  });
  afterAll(() => sim?.stop());

  const totalCalls = () => Object.values(sim.stats()).reduce((sum, api) => sum + api.calls, 0);

  /** Runs the real command in a child; kills it once the simulator has seen `killAfter` more calls. */
  function runCommand(killAfter?: number): Promise<Exit> {
    const start = totalCalls();
    const child = spawn('node', [command, 'run', '--policy', policyPath, '--now', NOW, '--json'], {
      env: { ...process.env, ...simEnv(sim) },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const watch =
      killAfter === undefined
        ? undefined
        : setInterval(() => {
            if (totalCalls() - start >= killAfter) child.kill('SIGKILL');
          }, 2);
    return new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        clearInterval(watch);
        resolve({ code, signal, stdout });
      });
    });
  }

  it(`leaves exactly one backup per disk of the slot and accounts for every disk (seed ${SEED})`, async () => {
    const random = prng(SEED);
    // From the first listing call to well into the creates (a run makes about 100 + 2 calls).
    const killPoints = Array.from({ length: KILLS }, () => 1 + Math.floor(random() * 30));
    const exits: Exit[] = [];
    for (const point of killPoints) exits.push(await runCommand(point));
    const last = await runCommand();

    expect(
      exits.map((e) => e.signal),
      `kill points ${killPoints.join(', ')}`,
    ).toEqual(killPoints.map(() => 'SIGKILL'));
    expect(last.code).toBe(0);
    const report = JSON.parse(last.stdout) as {
      totals: { failed: number };
      policies: Array<{ targets: Array<{ resourceId: string; action: string; outcome: string }> }>;
    };
    const targets = report.policies[0]!.targets;
    expect(targets.map((t) => t.resourceId).sort()).toEqual(DISKS);
    expect(targets.every((t) => (t.action === 'create' && t.outcome === 'done') || t.action === 'skip')).toBe(
      true,
    );
    expect(report.totals.failed).toBe(0);

    const backups = (
      sim.state().tencent as { diskBackups: Array<{ DiskId: string; DiskBackupName: string }> }
    ).diskBackups;
    expect(backups.map((b) => b.DiskBackupName).sort()).toEqual(
      DISKS.map((id) => ourName('crash-disks', SLOT, id)).sort(),
    );
    // Earlier runs did part of the work: the kills were real.
    expect(targets.filter((t) => t.action === 'skip').length).toBeGreaterThan(0);
  }, 120_000);
});
