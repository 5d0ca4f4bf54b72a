/**
 * `scf-backup deploy` against the simulator over real HTTP, with the repository's own
 * serverless.yml (the one source of truth) and a small code package made here. Calls are counted
 * by the simulator (`/_sim/stats`): what a run changed is read off the counters it moved.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTencentClient } from '../../lib/cloud/tencent';
import { startSimulator, type RunningSimulator } from '../../sim/index';
import type { ApiCounters } from '../../sim/stats';
import { cli, type CliResult } from '../helpers/cli';
import { storedZip } from '../helpers/zip';

const FUNCTIONS = ['disk-backup', 'database-backup', 'warehouse-backup', 'backup-repository'];
const NAMES = FUNCTIONS.map((f) => `scf-backup-prod-${f}`);
const CRON = '0 */15 * * * * *';
const REGION = 'ap-guangzhou';
const SECRETS = {
  SCF_BACKUP_WEBHOOK_SECRET: 'deploy-test-webhook-5d1c7e',
  HUAWEICLOUD_SDK_AK: 'deploy-test-ak-0a9b3f',
  HUAWEICLOUD_SDK_SK: 'deploy-test-sk-77e21c',
  HUAWEICLOUD_SDK_PROJECT_ID: '0123456789abcdef0123456789abcdef',
};
const READ_ACTIONS = new Set(['scf.GetFunction', 'scf.ListTriggers']);

const POLICY = {
  version: 1,
  policies: [
    {
      name: 'nightly-disks',
      kind: 'cbs-disk',
      schedule: '0 0 2 * * * *',
      regions: [REGION],
      select: { tags: { backup: 'nightly' } },
      retention: { keepLast: 7 },
    },
    {
      name: 'dws-nightly',
      kind: 'dws-cluster',
      schedule: '0 0 3 * * * *',
      regions: ['cn-north-4'],
      select: { tags: { backup: 'nightly' } },
      retention: { keepLast: 4 },
    },
  ],
};
const ALERTING_POLICY = {
  ...POLICY,
  alerts: { ops: { type: 'wecom', url: '${env:WECOM_WEBHOOK_URL}' } },
  defaults: { alerts: ['ops'] },
};

let sim: RunningSimulator;
let scratch: string;
let zipPath: string;
let alertingZipPath: string;
const outputs: string[] = [];

function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    TENCENTCLOUD_ENDPOINT: sim.url,
    TENCENTCLOUD_SECRETID: sim.credentials.tencent.secretId,
    TENCENTCLOUD_SECRETKEY: sim.credentials.tencent.secretKey,
    ...SECRETS,
    ...extra,
  };
}

async function deploy(args: string[], extra?: Record<string, string | undefined>): Promise<CliResult> {
  const result = await cli(['deploy', '--zip', zipPath, ...args], env(extra));
  outputs.push(result.stdout, result.stderr);
  return result;
}

/** Calls per action made by `run`, from the simulator's counters before and after. */
async function callsDuring(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = sim.stats();
  await run();
  const after = sim.stats();
  const delta: Record<string, number> = {};
  for (const [api, counters] of Object.entries(after)) {
    const calls = counters.calls - ((before[api] as ApiCounters | undefined)?.calls ?? 0);
    if (calls > 0) delta[api] = calls;
  }
  return delta;
}

interface SimFunction {
  FunctionName: string;
  Handler: string;
  Runtime: string;
  MemorySize: number;
  Timeout: number;
  Role: string;
  Status: string;
  Type: string;
  CodeSha256: string;
  Environment: { Variables: { Key: string; Value: string }[] };
  Triggers: { TriggerName: string; Type: string; TriggerDesc: string; Enable: number; AddTime: string }[];
}

const functions = () => (sim.state().tencent as { functions: SimFunction[] }).functions;
const byName = (name: string) => functions().find((f) => f.FunctionName === name);
const deployer = () =>
  createTencentClient({ credentials: sim.credentials.tencent, endpoint: sim.url, throttle: undefined });

beforeAll(async () => {
  sim = await startSimulator({ transitionMs: 50 });
  scratch = mkdtempSync(join(tmpdir(), 'scf-backup-deploy-test-'));
  zipPath = join(scratch, 'code.zip');
  alertingZipPath = join(scratch, 'alerting.zip');
  const bundles = Object.fromEntries(
    FUNCTIONS.map((f) => [`${f}.js`, 'exports.main_handler = async () => ({});\n']),
  );
  writeFileSync(zipPath, storedZip({ ...bundles, 'policy.json': JSON.stringify(POLICY) }));
  writeFileSync(alertingZipPath, storedZip({ ...bundles, 'policy.json': JSON.stringify(ALERTING_POLICY) }));
});
afterAll(async () => {
  await sim.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('scf-backup deploy', () => {
  describe('refuses bad input before any call (exit 2)', () => {
    beforeEach(() => sim.reset());

    it('when a Huawei policy is enabled and HUAWEICLOUD_SDK_AK/SK are unset', async () => {
      const result = await deploy([], { HUAWEICLOUD_SDK_AK: undefined, HUAWEICLOUD_SDK_SK: '' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK');
      expect(result.stderr).toContain('dws-nightly');
      expect(sim.stats()).toEqual({});
    });

    it('when an alert channel of an enabled policy reads a variable the functions would not get', async () => {
      const result = await cli(
        ['deploy', '--zip', alertingZipPath],
        env({ WECOM_WEBHOOK_URL: 'https://example.invalid/x' }),
      );
      outputs.push(result.stdout, result.stderr);
      // serverless.yml does not name WECOM_WEBHOOK_URL, so the functions would start without it.
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('environment variable WECOM_WEBHOOK_URL is not set');
      expect(sim.stats()).toEqual({});
    });

    it('for an unknown --only function, a missing zip, or missing deployer credentials', async () => {
      const unknown = await deploy(['--only', 'disk-backup,nope']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no function nope');
      const noZip = await cli(['deploy', '--zip', join(scratch, 'absent.zip')], env());
      expect(noZip.code).toBe(2);
      expect(noZip.stderr).toContain("run 'npm run package' first");
      const noKeys = await deploy([], { TENCENTCLOUD_SECRETKEY: undefined });
      expect(noKeys.code).toBe(2);
      expect(noKeys.stderr).toContain('TENCENTCLOUD_SECRETKEY');
      expect(sim.stats()).toEqual({});
    });
  });

  describe('against an empty account, then again', () => {
    beforeAll(() => sim.reset());

    it('--dry-run plans four creates and calls only GetFunction', async () => {
      let result: CliResult | undefined;
      const calls = await callsDuring(async () => (result = await deploy(['--dry-run'])));
      expect(result?.code).toBe(0);
      expect(calls).toEqual({ 'scf.GetFunction': 4 });
      for (const name of NAMES)
        expect(result?.stdout).toMatch(new RegExp(`${name} .* create .*every-15-minutes: create`));
      expect(functions()).toEqual([]);
    });

    it('the first deploy creates the four functions as serverless.yml describes them, with their timers', async () => {
      const result = await deploy([]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('4 of 4 functions deployed');
      expect(
        functions()
          .map((f) => f.FunctionName)
          .sort(),
      ).toEqual([...NAMES].sort());
      for (const [i, name] of NAMES.entries()) {
        const fn = byName(name);
        expect(fn).toMatchObject({
          Handler: `${FUNCTIONS[i]}.main_handler`,
          Runtime: 'Nodejs20.19',
          MemorySize: 256,
          Timeout: 900,
          Role: 'scf-backup-runtime',
          Type: 'Event',
          Status: 'Active',
        });
        expect(Object.fromEntries(fn?.Environment.Variables.map((v) => [v.Key, v.Value]) ?? [])).toEqual({
          BACKUP_WEBHOOK_SECRET: SECRETS.SCF_BACKUP_WEBHOOK_SECRET,
          HUAWEICLOUD_SDK_AK: SECRETS.HUAWEICLOUD_SDK_AK,
          HUAWEICLOUD_SDK_SK: SECRETS.HUAWEICLOUD_SDK_SK,
          HUAWEICLOUD_SDK_PROJECT_ID: SECRETS.HUAWEICLOUD_SDK_PROJECT_ID,
          NODE_OPTIONS: '--max-old-space-size=192',
        });
        expect(fn?.Triggers).toMatchObject([
          {
            TriggerName: 'every-15-minutes',
            Type: 'timer',
            TriggerDesc: JSON.stringify({ cron: CRON }),
            Enable: 1,
          },
        ]);
      }
    });

    it('a second deploy only updates the code: no configuration update, no trigger churn', async () => {
      const triggersBefore = functions().map((f) => f.Triggers);
      let result: CliResult | undefined;
      const calls = await callsDuring(async () => (result = await deploy([])));
      expect(result?.code).toBe(0);
      expect(result?.stdout).toMatch(/code updated +every-15-minutes: unchanged/);
      const writes = Object.fromEntries(Object.entries(calls).filter(([api]) => !READ_ACTIONS.has(api)));
      expect(writes).toEqual({ 'scf.UpdateFunctionCode': 4 });
      expect(functions().map((f) => f.Triggers)).toEqual(triggersBefore);
    });

    it('--dry-run on a deployed account plans code updates only, and calls only read actions', async () => {
      let result: CliResult | undefined;
      const calls = await callsDuring(async () => (result = await deploy(['--dry-run'])));
      expect(result?.code).toBe(0);
      expect(Object.keys(calls).every((api) => READ_ACTIONS.has(api))).toBe(true);
      expect(calls).toEqual({ 'scf.GetFunction': 4, 'scf.ListTriggers': 4 });
      expect(result?.stdout).toMatch(/update code +every-15-minutes: unchanged/);
    });

    it('replaces a timer whose cron differs, and updates the configuration when a variable changes', async () => {
      const name = NAMES[0] as string;
      const client = deployer();
      await client.call('scf', '2018-04-16', 'DeleteTrigger', REGION, {
        FunctionName: name,
        TriggerName: 'every-15-minutes',
        Type: 'timer',
      });
      await client.call('scf', '2018-04-16', 'CreateTrigger', REGION, {
        FunctionName: name,
        TriggerName: 'every-15-minutes',
        Type: 'timer',
        TriggerDesc: '0 0 * * * * *',
        Enable: 'OPEN',
      });
      let result: CliResult | undefined;
      const calls = await callsDuring(
        async () =>
          (result = await deploy(['--only', 'disk-backup'], {
            HUAWEICLOUD_SDK_SK: 'deploy-test-sk-rotated',
          })),
      );
      expect(result?.code).toBe(0);
      expect(result?.stdout).toContain('code and configuration updated (environment)');
      expect(result?.stdout).toContain('every-15-minutes: replaced');
      expect(calls).toMatchObject({
        'scf.UpdateFunctionCode': 1,
        'scf.UpdateFunctionConfiguration': 1,
        'scf.DeleteTrigger': 1,
        'scf.CreateTrigger': 1,
      });
      expect(byName(name)?.Triggers[0]?.TriggerDesc).toBe(JSON.stringify({ cron: CRON }));
      expect(`${result?.stdout}${result?.stderr}`).not.toContain('deploy-test-sk-rotated');
    });

    it('refuses, changing nothing, when a function runs another runtime (exit 1, both named)', async () => {
      const client = deployer();
      await client.call('scf', '2018-04-16', 'CreateFunction', REGION, {
        FunctionName: 'scf-backup-other-disk-backup',
        Code: { ZipFile: storedZip({ 'disk-backup.js': '' }).toString('base64') },
        Handler: 'disk-backup.main_handler',
        Runtime: 'Nodejs18.15',
      });
      let result: CliResult | undefined;
      const calls = await callsDuring(async () => (result = await deploy(['--stage', 'other'])));
      expect(result?.code).toBe(1);
      expect(result?.stderr).toContain('nothing was changed');
      expect(result?.stderr).toMatch(
        /scf-backup-other-disk-backup runs Nodejs18\.15 but serverless\.yml says Nodejs20\.19/,
      );
      expect(Object.keys(calls).every((api) => READ_ACTIONS.has(api))).toBe(true);
    });
  });

  it('never prints a secret value', () => {
    const printed = outputs.join('\n');
    expect(printed.length).toBeGreaterThan(0);
    for (const value of Object.values(SECRETS)) expect(printed).not.toContain(value);
  });
});
