/**
 * The command's edges: `validate`, usage errors, `--help`, and missing credentials. Bad input is
 * exit status 2 and calls nothing; the simulator here only counts what would have been called.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { simEnv } from '../helpers/sim-harness';

const EXAMPLE = 'policies/example.yaml';
const TYPO = 'test/fixtures/malformed-policies/10-policy-key-typo.yaml';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
});
afterAll(() => sim.stop());

const stats = async () => (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Record<string, unknown>;

describe('scf-backup validate', () => {
  it('accepts the example policy and lists each policy with its next slot', async () => {
    const result = await cli(['validate', '--policy', EXAMPLE]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${EXAMPLE}: valid, 8 policies`);
    expect(result.stdout).toMatch(/nightly-disks +cbs-disk .* next 20\d\d-/);
    expect(result.stdout).toMatch(/archive-disks +cbs-disk .* disabled/);
  });

  it('reads $SCF_BACKUP_POLICY when no --policy is given', async () => {
    const result = await cli(['validate'], { SCF_BACKUP_POLICY: TYPO });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${TYPO}: policies[0].shedule: unknown key`);
  });

  it('refuses a malformed policy with exit status 2 and the path of the mistake', async () => {
    const result = await cli(['validate', '--policy', TYPO]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('policies[0].shedule');
    expect(result.stdout).toBe('');
  });

  it('says a file it cannot read is bad input', async () => {
    const result = await cli(['validate', '--policy', 'policies/no-such-file.yaml']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('policies/no-such-file.yaml: (file): cannot be read (ENOENT)');
  });
});

describe('usage errors', () => {
  it.each([
    { argv: ['run', '--polcy', EXAMPLE], says: 'unknown option --polcy' },
    { argv: ['plan', '--now', 'yesterday'], says: "--now: 'yesterday' is not an ISO-8601 instant" },
    { argv: ['run', '--now'], says: '--now needs a value' },
    { argv: ['run', '--json=yes'], says: '--json takes no value' },
    { argv: ['run', 'nightly-disks'], says: "unexpected argument 'nightly-disks'" },
    { argv: ['run', '--only', ','], says: '--only needs at least one policy name' },
    { argv: ['backup'], says: "unknown command 'backup'" },
    { argv: ['validate', '--sim'], says: 'unknown option --sim' },
  ])('$argv exits 2: $says', async ({ argv, says }) => {
    const result = await cli(argv, simEnv(sim));

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(says);
    expect(result.stdout).toBe('');
    expect(await stats()).toEqual({});
  });

  it('no command at all prints the help and exits 2', async () => {
    const result = await cli([]);

    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Usage: scf-backup <command>');
  });

  it('a policy name that is not in the file exits 2 and calls nothing', async () => {
    const result = await cli(['run', '--policy', EXAMPLE, '--only', 'nightly-disk'], simEnv(sim));

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nightly-disk: no such policy (did you mean `nightly-disks`?)');
    expect(await stats()).toEqual({});
  });
});

describe('--help', () => {
  it.each([
    { argv: ['--help'], usage: 'Usage: scf-backup <command>' },
    { argv: ['help'], usage: 'Usage: scf-backup <command>' },
    { argv: ['validate', '--help'], usage: 'Usage: scf-backup validate' },
    { argv: ['plan', '--help'], usage: 'Usage: scf-backup plan' },
    { argv: ['run', '--help'], usage: 'Usage: scf-backup run' },
    { argv: ['sim', '--help'], usage: 'Usage: scf-backup sim' },
    { argv: ['invoke', '--help'], usage: 'Usage: scf-backup invoke' },
    { argv: ['cam-policy', '--help'], usage: 'Usage: scf-backup cam-policy' },
  ])('$argv exits 0 with the usage', async ({ argv, usage }) => {
    const result = await cli(argv);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(usage);
    expect(result.stderr).toBe('');
  });
});

describe('missing credentials', () => {
  it.each(['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'])(
    'without %s: exit 2, the variable named, nothing called',
    async (variable) => {
      const env = { ...simEnv(sim), [variable]: undefined };

      const result = await cli(['run', '--policy', EXAMPLE, '--now', '2026-11-24T20:00:00Z'], env);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`environment variable ${variable} is not set`);
      expect(result.stdout).toBe('');
      expect(await stats()).toEqual({});
    },
  );

  it('are not asked of a cloud that no selected policy uses', async () => {
    const own = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
    onTestFinished(() => own.stop());
    const env = { ...simEnv(own), HUAWEICLOUD_SDK_AK: undefined, HUAWEICLOUD_SDK_SK: undefined };

    const result = await cli(
      ['plan', '--policy', EXAMPLE, '--only', 'nightly-disks', '--now', '2026-11-24T20:00:00Z', '--json'],
      env,
    );

    expect(result.code).toBe(0);
    const called = (await (await fetch(`${own.url}/_sim/stats`)).json()) as Record<string, unknown>;
    expect(Object.keys(called).sort()).toEqual(['cbs.DescribeDiskBackups', 'cbs.DescribeDisks']);
  });
});
