/**
 * Output people read (issue 13 item 3), through the CLI against the simulator: planned counts,
 * ages in words, one line per failure, the reason kept in the table, "exists" apart from
 * "not done", slots in the policy's zone beside UTC, colour only on a terminal without NO_COLOR,
 * and progress lines on stderr when a run is slow and stderr is no terminal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../lib/cli/main';
import { EXAMPLE_SEED_PATH, startSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { simAdmin } from '../helpers/sim-admin';

const NOW = '2026-11-24T18:05:00Z';
const dir = mkdtempSync(join(tmpdir(), 'scfb-output-'));

async function freshSim() {
  const sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
  onTestFinished(() => sim.stop());
  return sim;
}

function policy(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `version: 1\npolicies:\n${body}`);
  return path;
}

const rowsOf = (stdout: string) => stdout.split('\n').filter((line) => /^\S+ +cbs-disk /.test(line));

describe('the summary', () => {
  it('a plan counts what it would do, not "created 0"', async () => {
    const result = await cli(['plan', '--sim', '--only', 'nightly-disks,tke-repos', '--now', NOW]);

    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'would create 2, ensure 2, prune 0, already there 0, failed 0',
    );
  });

  it('shows each slot in the policy zone beside UTC', async () => {
    const result = await cli(['plan', '--sim', '--only', 'nightly-disks', '--now', NOW]);

    expect(result.stdout).toMatch(/^nightly-disks +2026-11-25 02:00 Asia\/Shanghai +2026-11-24T18:00:00Z$/m);
  });

  it('says ages in words', async () => {
    const path = policy(
      'late.yaml',
      "  - name: late\n    kind: cbs-disk\n    schedule: '0 0 2 * * * *'\n    regions: [ap-guangzhou]\n" +
        '    select: { all: true }\n    catchUp: 1h\n    retention: { keepLast: 3 }\n',
    );

    const result = await cli(['plan', '--sim', '--policy', path, '--now', '2026-11-25T15:29:00Z']);

    expect(result.stdout).toContain(
      'late: not due: latest slot 2026-11-24T18:00:00Z is 21 h 29 min old, outside the 1 h catch-up window',
    );
  });

  it('tells a slot already backed up ("exists") from work not done, and names a backup once', async () => {
    const sim = await freshSim();
    await cli(['run', '--sim', sim.url, '--only', 'mysql-daily', '--now', NOW]);
    await simAdmin(sim.url).faults({
      errorRate: 1,
      errorCodes: ['AuthFailure.UnauthorizedOperation'],
      actions: ['cbs.CreateDiskBackup'],
    });

    const result = await cli(['run', '--sim', sim.url, '--only', 'nightly-disks,mysql-daily', '--now', NOW]);

    expect(result.code).toBe(1);
    const outcomes = result.stdout
      .split('\n')
      .filter((line) => / (cbs-disk|cdb-mysql) /.test(line))
      .map((line) => line.split(/ {2,}/)[5]);
    expect(outcomes.sort()).toEqual(['exists', 'exists', 'failed', 'not done']);
    const skipRow = result.stdout.split('\n').find((line) => line.includes(' exists '));
    const name = /scfb-mysql-daily-\S+/.exec(skipRow ?? '')?.[0];
    expect(name).toBeDefined();
    expect(skipRow?.split(name as string).length).toBe(2);
    expect(result.stdout).toMatch(/^created 0, pruned 0, already there 2, not done 1, failed 1$/m);
  });

  it('keeps the reason beside the error in the table', async () => {
    const path = policy(
      'missing-id.yaml',
      "  - name: by-id\n    kind: cbs-disk\n    schedule: '0 0 2 * * * *'\n    regions: [ap-guangzhou]\n" +
        '    select: { ids: [disk-9999] }\n    retention: { keepLast: 3 }\n',
    );

    const result = await cli(['run', '--sim', '--policy', path, '--now', NOW]);

    expect(result.code).toBe(1);
    expect(rowsOf(result.stdout).map((row) => row.split(/ {2,}/))).toEqual([
      [
        'by-id',
        'cbs-disk',
        'disk-9999',
        'ap-guangzhou',
        'create',
        'failed',
        'selected by id but not found in ap-guangzhou: ResourceNotFound: disk-9999 not found in ap-guangzhou',
      ],
    ]);
  });

  it('says a policy that failed as a whole once', async () => {
    const sim = await freshSim();
    await simAdmin(sim.url).faults({
      errorRate: 1,
      errorCodes: ['AuthFailure.UnauthorizedOperation'],
      actions: ['cbs.DescribeDisks'],
    });

    const result = await cli(['plan', '--sim', sim.url, '--only', 'nightly-disks', '--now', NOW]);

    expect(result.code).toBe(1);
    const mentions = result.stdout
      .split('\n')
      .filter((line) => line.includes('AuthFailure.UnauthorizedOperation'));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatch(/^nightly-disks: failed: AuthFailure\.UnauthorizedOperation: /);
  });
});

describe('colour', () => {
  async function run(env: Record<string, string>, stdoutIsTty: boolean): Promise<string> {
    let stdout = '';
    await main(['plan', '--sim', '--only', 'nightly-disks', '--now', NOW], {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => undefined,
      env,
      isTty: false,
      stdoutIsTty,
    });
    return stdout;
  }

  it('on a terminal, unless NO_COLOR is set; never into a pipe', async () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[\d+m/;
    expect(await run({}, true)).toMatch(ansi);
    expect(await run({ NO_COLOR: '1' }, true)).not.toMatch(ansi);
    expect(await run({}, false)).not.toMatch(ansi);
  });
});

describe('progress when stderr is not a terminal', () => {
  it('stays quiet for a quick run and reports rows during a slow one, its count the table’s', async () => {
    const sim = await freshSim();
    const quick = await cli(['run', '--sim', sim.url, '--only', 'mysql-daily', '--now', NOW]);
    expect(quick.stderr).toBe('');

    await simAdmin(sim.url).faults({ latencyMs: 1500, actions: ['cbs.CreateDiskBackup'] });
    let stderr = '';
    let stdout = '';
    const code = await main(['run', '--sim', sim.url, '--only', 'nightly-disks', '--now', NOW], {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      env: {},
      isTty: false,
      progressEveryMs: 200,
    });

    expect(code).toBe(0);
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^progress: \d+ of \d+ rows finished after \d+ s$/);
    expect(lines.at(-1)).toMatch(new RegExp(`of ${rowsOf(stdout).length} rows`));
  });
});
