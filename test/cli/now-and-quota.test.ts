/**
 * `--now` rules and quota warnings through the real command (issue 9 items 12 and 3). A future
 * `--now` on `run` would create backups named for slots to come and prune by ages not reached
 * (it once pruned 10 real backups); a `--now` without an offset would mean the machine's own time
 * zone. Both are bad input: exit 2, a clear message, not one call.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { simEnv } from '../helpers/sim-harness';

const DIR = mkdtempSync(join(tmpdir(), 'scfb-now-'));
const policyFile = (keepLast: number) => {
  const path = join(DIR, `keep-${keepLast}.yaml`);
  writeFileSync(
    path,
    `version: 1
policies:
  - name: nightly-disks
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    regions: [ap-guangzhou]
    select: { all: true }
    retention: { keepLast: ${keepLast} }
`,
  );
  return path;
};

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: {
      tencent: {
        disks: [
          { id: 'disk-small', region: 'ap-guangzhou', tags: {}, backupQuota: 3 },
          { id: 'disk-large', region: 'ap-guangzhou', tags: {}, backupQuota: 64 },
        ],
      },
    },
  });
});
afterAll(() => sim.stop());

const calls = async () => {
  const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Record<string, { calls: number }>;
  return Object.values(stats).reduce((sum, s) => sum + s.calls, 0);
};
// 200 days ahead, 5 minutes after the policy's daily 02:00 (Asia/Shanghai) slot, whatever the hour now.
const future = () => `${new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10)}T18:05:00Z`;

describe('run --now', () => {
  it('in the future is refused: exit 2, a clear message, no call', async () => {
    const before = await calls();
    const at = future();
    const result = await cli(['run', '--policy', policyFile(7), '--now', at], simEnv(sim));
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`--now: ${at.replace('Z', '.000Z')} is in the future; run refuses it`);
    expect(await calls()).toBe(before);
  });

  it.each([
    ['run', '2026-11-24T18:00:00'],
    ['run', '2026-11-24T18:00'],
    ['plan', '2026-11-24T18:00:00'],
    ['run', '2026-11-24'],
    ['run', '2026-11-24 18:00:00Z'],
  ])('%s without a UTC offset (%s) is an error, not the local time', async (command, at) => {
    const before = await calls();
    const result = await cli([command, '--policy', policyFile(7), '--now', at], simEnv(sim));
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain(`--now: '${at}' is not an ISO-8601 instant`);
    if (/T[\d:]+$/.test(at)) expect(result.stderr).toContain('it needs a UTC offset (Z or +08:00)');
    expect(await calls()).toBe(before);
  });

  it('accepts an offset other than Z', async () => {
    const result = await cli(
      ['plan', '--policy', policyFile(7), '--now', '2026-11-25T02:30:00+08:00', '--json'],
      simEnv(sim),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).policies[0].slot).toBe('2026-11-24T18:00:00Z');
  });

  it('in the future is allowed for plan, and for run against a simulator (--sim)', async () => {
    const at = future();
    const plan = await cli(['plan', '--policy', policyFile(7), '--now', at, '--json'], simEnv(sim));
    expect(plan.code).toBe(0);
    const run = await cli(['run', '--policy', policyFile(7), '--sim', sim.url, '--now', at, '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).totals.created).toBe(2);
  });
});

describe('keepLast above a quota', () => {
  it('plan warns for each disk whose own quota (DiskBackupQuota) is lower', async () => {
    const result = await cli(
      ['plan', '--policy', policyFile(7), '--now', '2026-11-24T18:30:00Z', '--json'],
      simEnv(sim),
    );
    expect(result.code).toBe(0);
    const targets = JSON.parse(result.stdout).policies[0].targets as Array<{
      resourceId: string;
      warning?: string;
    }>;
    const warnings = Object.fromEntries(targets.map((t) => [t.resourceId, t.warning]));
    expect(warnings).toEqual({
      'disk-small': expect.stringMatching(
        /^keepLast 7 exceeds the 3 backups the cloud lets this resource keep/,
      ),
      'disk-large': undefined,
    });
    const summary = await cli(
      ['plan', '--policy', policyFile(7), '--now', '2026-11-24T18:30:00Z'],
      simEnv(sim),
    );
    expect(summary.stdout).toContain('nightly-disks: disk-small: warning: keepLast 7 exceeds the 3 backups');
  });

  it('validate warns when keepLast exceeds the most any CBS disk may keep (1024)', async () => {
    const over = await cli(['validate', '--policy', policyFile(1025)]);
    expect(over.code).toBe(0);
    expect(over.stderr).toContain(
      'warning: nightly-disks: keepLast 1025 exceeds 1024, the most backups the cloud lets one cbs-disk resource keep',
    );
    expect((await cli(['validate', '--policy', policyFile(1024)])).stderr).toBe('');
  });
});
