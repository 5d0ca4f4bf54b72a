/**
 * Command-line conventions (issue 13 item 4), through the CLI: --version, did-you-mean for
 * commands and function names, --json for validate and deploy, a --sim URL without its scheme,
 * --time-limit 0, and the default policy found from the project root whatever the directory.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPolicyPath } from '../../lib/cli/policy-path';
import { startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/docs-examples';
import { storedZip } from '../helpers/zip';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('--version', () => {
  it.each([['--version'], ['-v'], ['version']])('%s prints the package version', async (flag) => {
    expect(await cli([flag])).toEqual({ code: 0, stdout: `scf-backup ${VERSION}\n`, stderr: '' });
  });
});

describe('did you mean', () => {
  it('a misspelt command', async () => {
    const result = await cli(['vaildate']);

    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      "scf-backup: unknown command 'vaildate' (did you mean `validate`?)",
    );
  });

  it('a misspelt function for invoke', async () => {
    const result = await cli(['invoke', 'disk-backups']);

    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      "scf-backup invoke: unknown function 'disk-backups' (did you mean `disk-backup`?); " +
        'one of: disk-backup, database-backup, backup-repository, warehouse-backup',
    );
  });

  it('a misspelt function for deploy --only', async () => {
    const result = await cli(['deploy', '--only', 'disk-backups', '--dry-run', '--sim']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--only: no function disk-backups (did you mean `disk-backup`?) in serverless.yml',
    );
  });
});

describe('--json', () => {
  it('validate: the policies with their next slots, or the errors, on stdout', async () => {
    const good = await cli(['validate', '--json', '--now', '2026-11-24T18:05:00Z']);
    expect(good.code).toBe(0);
    const report = JSON.parse(good.stdout) as { valid: boolean; policies: Array<Record<string, unknown>> };
    expect(report.valid).toBe(true);
    expect(report.policies[0]).toEqual({
      name: 'nightly-disks',
      kind: 'cbs-disk',
      enabled: true,
      schedule: '0 0 2 * * * *',
      timezone: 'Asia/Shanghai',
      next: '2026-11-25T18:00:00Z',
      nextLocal: '2026-11-26 02:00',
    });

    const bad = await cli(['validate', '--json', '--policy', 'docs/examples/broken.yaml']);
    expect(bad.code).toBe(2);
    const errors = JSON.parse(bad.stdout) as { valid: boolean; errors: Array<{ path: string }> };
    expect(errors.valid).toBe(false);
    expect(errors.errors.map((e) => e.path)).toContain('policies[0].timezone');
  });

  describe('deploy', () => {
    let sim: RunningSimulator;
    let zip: string;
    beforeAll(async () => {
      sim = await startSimulator({ port: 0 });
      zip = join(mkdtempSync(join(tmpdir(), 'scfb-deploy-json-')), 'code.zip');
      const fns = ['disk-backup', 'database-backup', 'warehouse-backup', 'backup-repository'];
      const policy = {
        version: 1,
        policies: [
          {
            name: 'nightly-disks',
            kind: 'cbs-disk',
            schedule: '0 0 2 * * * *',
            regions: ['ap-guangzhou'],
            select: { all: true },
            retention: { keepLast: 7 },
          },
        ],
      };
      const files = Object.fromEntries(
        fns.map((f) => [`${f}.js`, 'exports.main_handler = async () => ({});\n']),
      );
      writeFileSync(zip, storedZip({ ...files, 'policy.json': JSON.stringify(policy) }));
    });
    afterAll(() => sim.stop());

    it('prints what would be done as JSON, with no variable value in it', async () => {
      const secret = 'json-deploy-secret-5be1';
      const result = await cli(['deploy', '--zip', zip, '--dry-run', '--json', '--sim', sim.url], {
        BACKUP_WEBHOOK_SECRET: secret,
        SCF_BACKUP_WEBHOOK_SECRET: secret,
      });

      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(secret);
      const report = JSON.parse(result.stdout) as {
        dryRun: boolean;
        functions: Array<Record<string, unknown>>;
      };
      expect(report.dryRun).toBe(true);
      expect(report.functions.map((f) => [f.name, f.action])).toEqual([
        ['scf-backup-prod-disk-backup', 'create'],
        ['scf-backup-prod-database-backup', 'create'],
        ['scf-backup-prod-warehouse-backup', 'create'],
        ['scf-backup-prod-backup-repository', 'create'],
      ]);
    });
  });
});

describe('mistakes in options', () => {
  it('--sim without a scheme says so', async () => {
    const result = await cli(['plan', '--sim', 'localhost:4566']);

    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'scf-backup plan: --sim localhost:4566: not an http(s) URL (the scheme is needed), e.g. --sim http://localhost:4566',
    );
  });

  it('--time-limit 0 says why it cannot be', async () => {
    const result = await cli(['run', '--sim', '--time-limit', '0']);

    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'scf-backup run: --time-limit 0: must be more than 0 seconds: with no time nothing would start ' +
        '(leave the option out to run without a limit)',
    );
  });
});

describe('the default policy', () => {
  it('is the project root example wherever the command runs; --policy and $SCF_BACKUP_POLICY stay as given', () => {
    const example = join(REPO_ROOT, 'policies', 'example.yaml');
    expect(cliPolicyPath(undefined, {}, REPO_ROOT)).toBe('policies/example.yaml');
    // A fresh directory cannot hold the repository (tmpdir() itself may: CI clones under /tmp).
    expect(cliPolicyPath(undefined, {}, mkdtempSync(join(tmpdir(), 'scfb-cwd-')))).toBe(example);
    expect(cliPolicyPath(undefined, {}, join(REPO_ROOT, 'docs'))).toBe(example);
    expect(cliPolicyPath('mine.yaml', {}, tmpdir())).toBe('mine.yaml');
    expect(cliPolicyPath(undefined, { SCF_BACKUP_POLICY: 'prod.yaml' }, tmpdir())).toBe('prod.yaml');
  });
});
