/**
 * Every malformed policy in the corpus, through `scf-backup run --sim URL` (or the `# command:` the
 * file names) against one running
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
    const text = readFileSync(path, 'utf8');
    const expected = /^# expect: (.+)$/m.exec(text)?.[1]?.trim();
    // `run` unless the file says otherwise (an unset alert variable is only a warning for run).
    const command = /^# command: (\S+)/m.exec(text)?.[1] ?? 'run';
    return { file, path, expected, command };
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

  it.each(corpus)('$command refuses $file with exit status 2, naming $expected', async (entry) => {
    const { path, expected, command } = entry;
    const result = await cli(
      command === 'run' ? ['run', '--policy', path, '--sim', sim.url] : [command, '--policy', path],
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${path}: ${expected}: `);
    expect(result.stdout).toBe('');
  });

  it('lets no request of the whole corpus reach the simulator', async () => {
    const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Record<string, unknown>;

    expect(stats).toEqual({});
  });
});
