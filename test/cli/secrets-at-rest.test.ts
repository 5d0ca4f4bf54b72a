/**
 * Secrets at rest (issue 13 item 6), through `scf-backup deploy` against the simulator: Tencent
 * keys never become function variables (the execution role provides them), a serverless.yml that
 * tries is refused, and Huawei keys written as plain variables are named in a warning, never
 * echoed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommand } from '../../lib/cli/deploy-command';
import { startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/docs-examples';
import { storedZip } from '../helpers/zip';

const AK = 'at-rest-ak-3f9a1c';
const SK = 'at-rest-sk-8e2d44';
const FUNCTIONS = ['disk-backup', 'database-backup', 'warehouse-backup', 'backup-repository'];
const POLICY = {
  version: 1,
  policies: [
    {
      name: 'dws-nightly',
      kind: 'dws-cluster',
      schedule: '0 0 3 * * * *',
      regions: ['cn-north-4'],
      select: { all: true },
      retention: { keepLast: 4 },
    },
  ],
};

let sim: RunningSimulator;
let dir: string;
let zip: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'scfb-at-rest-'));
  zip = join(dir, 'code.zip');
  const files = Object.fromEntries(
    FUNCTIONS.map((f) => [`${f}.js`, 'exports.main_handler = async () => ({});\n']),
  );
  writeFileSync(zip, storedZip({ ...files, 'policy.json': JSON.stringify(POLICY) }));
});
afterAll(() => sim.stop());

function deployerEnv(): Record<string, string> {
  return {
    TENCENTCLOUD_ENDPOINT: sim.url,
    TENCENTCLOUD_SECRETID: sim.credentials.tencent.secretId,
    TENCENTCLOUD_SECRETKEY: sim.credentials.tencent.secretKey,
    HUAWEICLOUD_SDK_AK: AK,
    HUAWEICLOUD_SDK_SK: SK,
  };
}

describe('deploy and the keys', () => {
  it('gives the functions no Tencent key, and names the Huawei keys it stores in plain variables', async () => {
    const result = await cli(['deploy', '--zip', zip], deployerEnv());

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'warning: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK are stored as plain function variables',
    );
    for (const secret of [AK, SK, sim.credentials.tencent.secretKey]) {
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as {
      tencent: {
        functions: Array<{ FunctionName: string; Environment: { Variables: Array<{ Key: string }> } }>;
      };
    };
    expect(state.tencent.functions).toHaveLength(4);
    for (const fn of state.tencent.functions) {
      const keys = fn.Environment.Variables.map((v) => v.Key);
      expect(
        keys.filter((k) => k.startsWith('TENCENTCLOUD_')),
        fn.FunctionName,
      ).toEqual([]);
      expect(keys).toEqual(expect.arrayContaining(['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK']));
    }
  });

  it('refuses a serverless.yml that would put a Tencent key into the functions, before any call', async () => {
    const yml = readFileSync(join(REPO_ROOT, 'serverless.yml'), 'utf8').replace(
      '    variables:\n',
      "    variables:\n      TENCENTCLOUD_SECRETKEY: ${env:TENCENTCLOUD_SECRETKEY, ''}\n",
    );
    writeFileSync(join(dir, 'serverless.yml'), yml);
    let stderr = '';
    const before = JSON.stringify(sim.stats());

    const code = await deployCommand(
      ['--zip', zip, '--sim', sim.url],
      { stdout: () => undefined, stderr: (t) => (stderr += t), env: deployerEnv(), isTty: false },
      dir,
    );

    expect(code).toBe(2);
    // SCF reserves the prefix; the functions' Tencent keys come from the execution role only.
    expect(stderr).toContain(
      'provider.environment.variables.TENCENTCLOUD_SECRETKEY: SCF reserves the prefixes',
    );
    expect(stderr).not.toContain(sim.credentials.tencent.secretKey);
    expect(JSON.stringify(sim.stats())).toBe(before);
  });

  it('with a secret name configured, sends only the name: never the keys, even from the shell', async () => {
    await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
    const env = { ...deployerEnv(), HUAWEICLOUD_SDK_SECRET_NAME: 'scf-backup-huawei-keys' };
    const result = await cli(['deploy', '--zip', zip], env);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'note: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK not sent: the functions read the Huawei keys from the SSM secret "scf-backup-huawei-keys"',
    );
    expect(result.stderr).not.toContain('stored as plain function variables');
    const text = await (await fetch(`${sim.url}/_sim/state`)).text();
    for (const secret of [AK, SK]) expect(text).not.toContain(secret);
    const state = JSON.parse(text) as {
      tencent: {
        functions: Array<{
          FunctionName: string;
          Environment: { Variables: Array<{ Key: string; Value: string }> };
        }>;
      };
    };
    expect(state.tencent.functions).toHaveLength(4);
    for (const fn of state.tencent.functions) {
      const vars = Object.fromEntries(fn.Environment.Variables.map((v) => [v.Key, v.Value]));
      expect(vars.HUAWEICLOUD_SDK_SECRET_NAME, fn.FunctionName).toBe('scf-backup-huawei-keys');
      expect(
        Object.keys(vars).filter((k) => k === 'HUAWEICLOUD_SDK_AK' || k === 'HUAWEICLOUD_SDK_SK'),
      ).toEqual([]);
    }
  });

  it('a secret name without the Huawei keys satisfies a Huawei policy; a bad name is refused before any call', async () => {
    const { HUAWEICLOUD_SDK_AK: _ak, HUAWEICLOUD_SDK_SK: _sk, ...noKeys } = deployerEnv();
    const dry = await cli(['deploy', '--zip', zip, '--dry-run'], {
      ...noKeys,
      HUAWEICLOUD_SDK_SECRET_NAME: 'scf-backup-huawei-keys',
    });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toBe('');

    const before = JSON.stringify(sim.stats());
    const bad = await cli(['deploy', '--zip', zip], { ...noKeys, HUAWEICLOUD_SDK_SECRET_NAME: 'no/slashes' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('HUAWEICLOUD_SDK_SECRET_NAME is not an SSM secret name');
    expect(JSON.stringify(sim.stats())).toBe(before);
  });

  it('cam-policy grants ssm:GetSecretValue on exactly the named secret, and only then', async () => {
    const policy = join(dir, 'huawei.json');
    writeFileSync(policy, JSON.stringify(POLICY));
    const named = await cli(['cam-policy', '--policy', policy], { HUAWEICLOUD_SDK_SECRET_NAME: 'hw-keys' });
    expect(named.code).toBe(0);
    const grants = (
      JSON.parse(named.stdout) as {
        tencentCam: { statement: Array<{ action: string[]; resource: string[] }> };
      }
    ).tencentCam.statement.filter((s) => s.action.includes('ssm:GetSecretValue'));
    expect(grants).toEqual([
      {
        effect: 'allow',
        action: ['ssm:GetSecretValue'],
        resource: ['qcs::ssm:*:uin/${owner_uin}:secret/creatorUin/*/hw-keys'],
      },
    ]);
    const unnamed = await cli(['cam-policy', '--policy', policy], {});
    expect(unnamed.stdout).not.toContain('ssm:');
  });

  it('the CLI reads plain keys only, and says so when it finds just a secret name', async () => {
    const policy = join(dir, 'huawei-run.json');
    writeFileSync(policy, JSON.stringify(POLICY));
    const result = await cli(['run', '--policy', policy], {
      HUAWEICLOUD_ENDPOINT: sim.url,
      HUAWEICLOUD_SDK_SECRET_NAME: 'scf-backup-huawei-keys',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'missing credentials: environment variables HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK are not set ' +
        '(the selected policies use Huawei Cloud); HUAWEICLOUD_SDK_SECRET_NAME is read only by the deployed functions\n',
    );
  });
});
