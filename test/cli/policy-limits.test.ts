/**
 * Policy files too large to be honest input: over the size cap, over the policy count, nested
 * past any real policy's depth, or a YAML alias bomb. Each is refused by `validate` and `run` with exit 2, a message naming the file and
 * the limit, and not one request reaches the simulator; the build refuses to make a policy.json
 * of it, and the functions refuse such a policy.json the same way (test/unit/backup-function.test.ts).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_POLICIES, MAX_POLICY_DEPTH, MAX_POLICY_FILE_BYTES } from '../../lib/policy/limits';
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'scf-backup-limits-'));

function policyYaml(count: number): string {
  const policies = Array.from(
    { length: count },
    (_, i) => `  - name: disks-${i}
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    regions: [ap-guangzhou]
    select: { tags: { backup: nightly } }
    retention: { keepLast: 7 }
`,
  );
  return `version: 1\npolicies:\n${policies.join('')}`;
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Valid YAML whose anchors expand 9^9 times: a "billion laughs". */
function aliasBomb(): string {
  const lines = ['version: 1', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\npolicies: []\n`;
}

// A valid file, padded past the cap with a comment: the size alone is refused, unread.
const oversized = write(
  'oversized.yaml',
  `${policyYaml(1)}# ${'padding '.repeat(MAX_POLICY_FILE_BYTES / 8)}\n`,
);

const CASES = {
  oversized: {
    path: oversized,
    says: `(file): is ${statSync(oversized).size} bytes; a policy file may be at most ${MAX_POLICY_FILE_BYTES} bytes`,
  },
  'too many policies': {
    path: write('many.yaml', policyYaml(MAX_POLICIES + 1)),
    says: `policies: has ${MAX_POLICIES + 1} policies; a file may hold at most ${MAX_POLICIES}`,
  },
  'nested too deep': {
    path: write(
      'deep.yaml',
      `${policyYaml(1)}    tags: { x: ${'['.repeat(MAX_POLICY_DEPTH)}${']'.repeat(MAX_POLICY_DEPTH)} }\n`,
    ),
    says: `(root): nests deeper than ${MAX_POLICY_DEPTH} levels`,
  },
  'an alias bomb': { path: write('bomb.yaml', aliasBomb()), says: '(yaml): aliases (*name) expand too far' },
};

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
});
afterAll(() => sim.stop());

describe('a policy file over the limits', () => {
  it('accepts MAX_POLICIES policies (the cap is not off by one)', async () => {
    const within = write('within.yaml', policyYaml(MAX_POLICIES));
    expect((await cli(['validate', '--policy', within])).code).toBe(0);
  });

  it.each(Object.entries(CASES))(
    'is refused when %s: exit 2, naming the file and the limit',
    async (_name, c) => {
      for (const argv of [
        ['validate', '--policy', c.path],
        ['run', '--policy', c.path, '--sim', sim.url],
      ]) {
        const result = await cli(argv);
        expect(result.code, argv[0]).toBe(2);
        expect(result.stderr, argv[0]).toContain(`${c.path}: ${c.says}`);
        expect(result.stdout).toBe('');
      }
    },
  );

  it('refuses a named pipe unread instead of waiting on it forever (in a child process, with a timeout)', async () => {
    const fifo = join(dir, 'policy.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['bin/scf-backup.cjs', 'validate', '--policy', fifo],
        { timeout: 20_000 },
        (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(result).toEqual({ code: 2, stderr: `${fifo}: (file): is not a regular file\n` });
  });

  it.each(Object.entries(CASES))('fails the build when %s, before anything is written', async (_name, c) => {
    const { buildFunctions } = await import('../../esbuild.config.mjs');
    const outdir = join(dir, 'never-built');
    await expect(buildFunctions({ outdir, policyFile: c.path })).rejects.toThrow(`${c.path}: ${c.says}`);
    expect(existsSync(outdir)).toBe(false);
  });

  it('lets no request reach the simulator', async () => {
    expect(await (await fetch(`${sim.url}/_sim/stats`)).json()).toEqual({});
  });
});
