/**
 * Every malformed policy in the corpus, through `scf-backup run --sim URL` against one running
 * simulator: each is refused as bad input (exit 2) naming the path its `# expect:` line gives,
 * and not one API request reaches the simulator across the whole corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';

const DIR = 'test/fixtures/malformed-policies';
const corpus = readdirSync(DIR)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const path = join(DIR, file);
    const expected = /^# expect: (.+)$/m.exec(readFileSync(path, 'utf8'))?.[1]?.trim();
    return { file, path, expected };
  });

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
});
afterAll(() => sim.stop());

describe('scf-backup run with a malformed policy', () => {
  it('has a corpus of at least 30 files, each naming the path it expects', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(corpus.filter((c) => !c.expected).map((c) => c.file)).toEqual([]);
  });

  it.each(corpus)('refuses $file with exit status 2, naming $expected', async ({ path, expected }) => {
    const result = await cli(['run', '--policy', path, '--sim', sim.url]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${path}: ${expected}: `);
    expect(result.stdout).toBe('');
  });

  it('lets no request of the whole corpus reach the simulator', async () => {
    const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Record<string, unknown>;

    expect(stats).toEqual({});
  });
});
