/**
 * The command compiled to JavaScript (scripts/build-cli.mjs, run by npm at `prepare`) works on a
 * production install: it holds only runtime dependencies (no tsx, no dev package), and run from
 * another directory with plain `node` it finds the project's example policy and seed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/docs-examples';

const outfile = join(REPO_ROOT, 'dist-cli', `scf-backup.test-${process.pid}.cjs`);
let inputs: string[] = [];

beforeAll(async () => {
  const { buildCli } = await import('../../scripts/build-cli.mjs');
  inputs = Object.keys((await buildCli({ outfile })).metafile.inputs);
}, 60_000);
afterAll(() => {
  rmSync(outfile, { force: true });
  rmSync(`${outfile}.map`, { force: true });
});

function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // A bare environment, run from elsewhere: nothing of the repository's tooling can help it.
  const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
  return new Promise((resolve) => {
    // A fresh directory, never one that holds the repository (CI may clone it under tmpdir()).
    const cwd = mkdtempSync(join(tmpdir(), 'scfb-cwd-'));
    execFile(process.execPath, args, { cwd, env, timeout: 25_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the compiled command', () => {
  it('bundles only packages from "dependencies"', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const bundled = new Set(
      inputs
        .filter((input) => input.includes('node_modules/'))
        .map((input) => {
          const parts = input.split('node_modules/').at(-1)?.split('/') ?? [];
          return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
        }),
    );
    expect(bundled.size).toBeGreaterThan(0);
    for (const name of bundled) expect(Object.keys(pkg.dependencies), name).toContain(name);
  });

  it('validates the example policy from another directory, with plain node', async () => {
    const result = await node([outfile, 'validate', '--now', '2026-11-24T18:05:00Z']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${join(REPO_ROOT, 'policies', 'example.yaml')}: valid, 8 policies`);
  });

  it('plans against its embedded simulator, seeded from the project', async () => {
    const result = await node([
      outfile,
      'plan',
      '--sim',
      '--only',
      'nightly-disks',
      '--now',
      '2026-11-24T18:05:00Z',
    ]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('would create 2, ensure 0, prune 0, already there 0, failed 0');
  });

  it('knows its version', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await node([outfile, '--version'])).stdout).toBe(`scf-backup ${pkg.version}\n`);
  });
});
