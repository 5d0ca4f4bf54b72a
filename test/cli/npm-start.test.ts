/**
 * The `npm start` path as a user takes it: the real bin script in a child process, the TypeScript
 * run through tsx, an embedded simulator started and stopped by the command itself.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBin(args: string[]): Promise<Outcome> {
  // The command must need nothing from the environment: no keys, no endpoints.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(TENCENTCLOUD_|HUAWEICLOUD_|SCF_BACKUP_)/.test(name)),
  );
  return new Promise((resolve) => {
    execFile('node', ['bin/scf-backup.cjs', ...args], { env, timeout: 25_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

describe('node bin/scf-backup.cjs run --sim --json', () => {
  it('exits 0 and reports backups of all six kinds', async () => {
    const { code, stdout, stderr } = await runBin(['run', '--sim', '--json']);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      status: string;
      policies: Array<{ kind: string; targets: Array<{ outcome: string }> }>;
    };
    expect(report.status).toBe('succeeded');
    const done = report.policies
      .filter((p) => p.targets.some((t) => t.outcome === 'done'))
      .map((p) => p.kind);
    expect([...new Set(done)].sort()).toEqual([
      'cbs-disk',
      'cbs-snapshot',
      'cdb-mysql',
      'dws-cluster',
      'gaussdb-mysql',
      'tke-repository',
    ]);
  });
});
