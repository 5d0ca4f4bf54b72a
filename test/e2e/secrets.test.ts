/**
 * The end-to-end scenarios again, with recognizable secret values everywhere a deployed function
 * holds one — cloud keys and session token, the HTTP trigger's secret, alert URL tokens, signing
 * secrets and header values — and a search for each of them in everything the function emits:
 * every log line (stdout and stderr), every alert body the receivers got, every report returned,
 * every error thrown (message, stack, cause chain, own fields) and the event it hands SCF to
 * continue a run. Each scenario also shows the secrets were really in use (signatures checked
 * by the simulator and the receivers), so finding nothing means something. The failing paths
 * are all here: a bad policy (the secrets fed into its fields by \${env:…}), bad signatures, an
 * unreachable channel, keys the cloud refuses, and the CLI's `validate`, `run` and `--verbose`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import type { RunReport } from '../../lib/engine/types';
import type { CredentialOverrides } from '../../sim/credentials';
import { cli, type CliResult } from '../helpers/cli';
import {
  buildE2eBundles,
  E2E_POLICY,
  FUNCTION_NAMES,
  httpResponseOf,
  invoke,
  reportOf,
  type BuiltFunctions,
  type Invocation,
} from './bundles';
import { httpEvent, refusedRequests, timerEvent } from './events';
import {
  NEAR_LIMIT,
  NEAR_LIMIT_TEST_TIMEOUT_MS,
  openScenario,
  type FunctionSecrets,
  type Scenario,
  type ScenarioOptions,
  type SimStats,
  DISK_CREATES_FAIL,
} from './scenario';

const SECRETS: FunctionSecrets = {
  webhookSecret: 'SCF-WEBHOOK-SECRET-c0ffee01',
  dingtalkToken: 'DINGTALK-ACCESS-TOKEN-c0ffee02',
  dingtalkSecret: 'SECDINGTALK-SIGNING-SECRET-c0ffee03',
  feishuToken: 'FEISHU-HOOK-TOKEN-c0ffee04',
  feishuSecret: 'FEISHU-SIGNING-SECRET-c0ffee05',
  alertHookToken: 'ALERT-HOOK-TOKEN-c0ffee06',
  alertHookSecret: 'ALERT-HOOK-SIGNING-SECRET-c0ffee07',
  alertHookAuth: 'Bearer ALERT-HOOK-AUTH-c0ffee08',
};

const CLOUD = {
  tencentSecretKey: 'TENCENT-SECRET-KEY-c0ffee09',
  tencentSessionToken: 'TENCENT-SESSION-TOKEN-c0ffee0a',
  huaweiSk: 'HUAWEI-SECRET-ACCESS-KEY-c0ffee0b',
  /** A key the function holds but the cloud refuses: refused keys are secrets too. */
  wrongTencentSecretKey: 'TENCENT-WRONG-SECRET-KEY-c0ffee0c',
};

/** Key ids are searched for too: the cloud may quote a refused one back (SecretIdNotFound). */
const IDS = {
  tencentSecretId: 'AKIDe2esecretstest0000000000000000',
  huaweiAk: 'E2ESECRETSTESTAK0001',
  wrongTencentSecretId: 'AKIDe2ewrongsecretid00000000000000',
};

const CREDENTIALS: CredentialOverrides = {
  tencentSession: {
    secretId: IDS.tencentSecretId,
    secretKey: CLOUD.tencentSecretKey,
    token: CLOUD.tencentSessionToken,
  },
  huawei: { ak: IDS.huaweiAk, sk: CLOUD.huaweiSk },
};

/** Every needle, named; the Authorization value is also searched without its scheme. */
const NEEDLES: Record<string, string> = {
  ...SECRETS,
  alertHookAuthToken: SECRETS.alertHookAuth.replace(/^Bearer /, ''),
  ...CLOUD,
  ...IDS,
};

/** The needle as it appears inside base64 of a longer text, at each of the three alignments. */
function base64Cores(value: string): string[] {
  return ['', 'a', 'ab'].map((prefix) => Buffer.from(`${prefix}${value}`).toString('base64').slice(4, -4));
}

/** What one scenario emitted, by where it was found. */
type Emitted = Record<string, string>;

function emittedBy(label: string, invocation: Invocation): Emitted {
  return {
    [`${label} stdout`]: invocation.stdout,
    [`${label} stderr`]: invocation.stderr,
    // Returned values (reports, HTTP bodies) and thrown errors: message, stack, causes, inspect().
    [`${label} results`]: JSON.stringify(invocation.results),
  };
}

function alertBodies(world: Scenario): Emitted {
  return Object.fromEntries(
    world.receivers.received.map((r, i) => [`alert #${i} to ${r.service}`, r.body.toString('utf8')]),
  );
}

/** `<needle name> in <where>` for every occurrence, plain, URL-encoded or base64. */
function leaks(emitted: Emitted): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(emitted)) {
    for (const [name, value] of Object.entries(NEEDLES)) {
      const forms = [value, encodeURIComponent(value), ...base64Cores(value)];
      if (forms.some((form) => text.includes(form))) found.push(`${name} in ${where}`);
    }
  }
  return found;
}

function cliEmitted(label: string, result: CliResult): Emitted {
  return { [`${label} stdout`]: result.stdout, [`${label} stderr`]: result.stderr };
}

/**
 * The e2e policy with every secret variable fed into a field that quotes a bad value: regions,
 * time zone, ids, durations (`${env:…}` is allowed in any field, which is how a slip happens).
 */
const BAD_POLICY_FIELDS: Record<string, string> = {
  'policies.0.regions.0': '${env:TENCENTCLOUD_SECRETKEY}',
  'policies.0.timezone': '${env:HUAWEICLOUD_SDK_SK}',
  'policies.0.retention.maxAge': '${env:TENCENTCLOUD_SESSIONTOKEN}',
  'policies.1.regions.0': '${env:TENCENTCLOUD_SECRETID}',
  'policies.2.regions.0': 'x-${env:HUAWEICLOUD_SDK_AK}',
  'policies.3.timezone': '${env:SCF_BACKUP_WEBHOOK_SECRET}',
  'policies.4.select.ids.0': '${env:DINGTALK_SECRET}',
  'policies.4.timezone': '${env:FEISHU_SECRET}',
  'policies.0.schedule': '${env:ALERT_WEBHOOK_SECRET}',
  'policies.1.timezone': '${env:ALERT_WEBHOOK_AUTH}',
  'policies.2.timezone': '${env:FEISHU_WEBHOOK_URL}',
  'policies.3.regions.0': '${env:DINGTALK_WEBHOOK_URL}',
};

function badPolicy(policy: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(BAD_POLICY_FIELDS)) {
    const keys = path.split('.');
    let node = copy as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  }
  return copy;
}

/** The bad policy as a file: policy.json for a function, or the same document as YAML (JSON is YAML) for the CLI. */
function writeBadPolicy(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(badPolicy(built.policy), null, 2));
  return path;
}

function authFailures(stats: SimStats): number {
  return Object.values(stats).reduce((sum, api) => sum + api.authFailed, 0);
}

let built: BuiltFunctions;
beforeAll(async () => {
  built = await buildE2eBundles();
});
afterAll(() => built?.remove());

const open: Scenario[] = [];
afterAll(async () => {
  await Promise.all(open.map((scenario) => scenario.close()));
});

async function scenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const opened = await openScenario({ secrets: SECRETS, credentials: CREDENTIALS, ...options });
  open.push(opened);
  return opened;
}

async function expectSignedCallsAccepted(expect: ExpectStatic, world: Scenario) {
  const stats = await world.stats();
  expect(Object.keys(stats).length).toBeGreaterThan(0);
  expect(authFailures(stats)).toBe(0);
}

describe.concurrent('no secret leaves the function', () => {
  it('(the search finds a secret where there is one, plain, URL-encoded or base64)', ({ expect }) => {
    const url = `https://oapi.dingtalk.com/robot/send?access_token=${encodeURIComponent(SECRETS.dingtalkToken)}`;
    const body = Buffer.from(`{"id":"${IDS.tencentSecretId}"}`).toString('base64');
    expect(leaks({ log: `{"key":"${CLOUD.huaweiSk}"}`, alert: url, body, clean: 'nothing here' })).toEqual([
      'huaweiSk in log',
      'dingtalkToken in alert',
      'tencentSecretId in body',
    ]);
  });

  it('in a successful run of every function', async ({ expect }) => {
    const world = await scenario();
    expect(world.env.TENCENTCLOUD_SESSIONTOKEN).toBe(CLOUD.tencentSessionToken);
    const runs = await Promise.all(
      FUNCTION_NAMES.map((fn) => invoke(built, fn, [timerEvent(fn, new Date())], { env: world.env })),
    );
    const emitted: Emitted = {};
    runs.forEach((run, i) => {
      expect(reportOf(run).status).toBe('succeeded');
      Object.assign(emitted, emittedBy(FUNCTION_NAMES[i] ?? `run ${i}`, run));
    });
    await expectSignedCallsAccepted(expect, world);
    expect(leaks(emitted)).toEqual([]);
  });

  it('in failures, their alerts (Tencent and Huawei) and the logs about them', async ({ expect }) => {
    const world = await scenario();
    await world.faults({
      errorRate: 1,
      errorCodes: ['InvalidDisk.NotSupported', 'DWS.0001'],
      actions: ['cbs.CreateDiskBackup', 'dws.CreateSnapshot'],
      seed: 3,
    });
    const [disks, warehouse] = await Promise.all([
      invoke(built, 'disk-backup', [timerEvent('disk-backup', new Date())], { env: world.env }),
      invoke(built, 'warehouse-backup', [timerEvent('warehouse-backup', new Date())], { env: world.env }),
    ]);
    expect(reportOf(disks).totals.failed).toBe(3);
    expect(reportOf(warehouse).totals.failed).toBe(1);
    // Every channel verified its signature (made with the secrets searched for) and accepted.
    expect(world.receivers.received).toHaveLength(6);
    const delivered = [...disks.logs, ...warehouse.logs].filter((line) => line.message === 'alert delivered');
    expect(delivered.map((line) => line.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
    await expectSignedCallsAccepted(expect, world);
    expect(
      leaks({
        ...emittedBy('disk-backup', disks),
        ...emittedBy('warehouse-backup', warehouse),
        ...alertBodies(world),
      }),
    ).toEqual([]);
  });

  it('in HTTP answers, accepted and refused', async ({ expect }) => {
    const world = await scenario();
    const now = new Date();
    const refused = refusedRequests(SECRETS.webhookSecret, now);
    const run = await invoke(
      built,
      'disk-backup',
      [httpEvent(SECRETS.webhookSecret, { dryRun: true }, now), ...refused.map((r) => r.event)],
      { env: world.env },
    );
    expect(run.results.map((_, i) => httpResponseOf(run, i).statusCode)).toEqual([
      200, 401, 401, 401, 400, 409, 413,
    ]);
    expect(leaks(emittedBy('disk-backup', run))).toEqual([]);
  });

  it('in the error thrown when no alert channel can be reached', async ({ expect }) => {
    const world = await scenario({ alertsUnreachable: true });
    await world.faults(DISK_CREATES_FAIL);
    const run = await invoke(built, 'disk-backup', [timerEvent('disk-backup', new Date())], {
      env: world.env,
    });
    const [result] = run.results;
    expect(result?.ok === false && result.error.name).toBe('AlertDeliveryError');
    // The error names each channel's failure, whose URL holds a token: all of it redacted.
    expect(result?.ok === false && result.error.inspected).toContain('every alert channel failed');
    expect(leaks(emittedBy('disk-backup', run))).toEqual([]);
  });

  it('when the cloud refuses the keys, in the report, the alerts and the logs', async ({ expect }) => {
    const world = await scenario();
    const env = { ...world.env, TENCENTCLOUD_SECRETKEY: CLOUD.wrongTencentSecretKey };
    const run = await invoke(built, 'disk-backup', [timerEvent('disk-backup', new Date())], { env });
    const report = reportOf(run);
    expect(report.status).toBe('failed');
    expect(report.policies[0]?.error?.code).toMatch(/^AuthFailure/);
    expect(world.receivers.received).toHaveLength(3);
    expect(leaks({ ...emittedBy('disk-backup', run), ...alertBodies(world) })).toEqual([]);
  });

  it(
    'in a continued run, the event it hands SCF, and the continuation',
    async ({ expect }) => {
      const world = await scenario();
      await world.faults(NEAR_LIMIT.faults);
      const first = await invoke(built, 'disk-backup', [timerEvent('disk-backup', new Date())], {
        env: world.env,
        timeLimitMs: NEAR_LIMIT.timeLimitMs,
      });
      expect(reportOf(first).status).toBe('continued');
      const [invocation] = (await world.state()).tencent.functionInvocations ?? [];
      expect(invocation).toBeDefined();
      await world.faults({});
      const second = await invoke(built, 'disk-backup', [invocation?.event], { env: world.env });
      expect(reportOf(second).status).toBe('succeeded');
      await expectSignedCallsAccepted(expect, world);
      expect(
        leaks({
          ...emittedBy('continued', first),
          'Invoke event': JSON.stringify(invocation),
          ...emittedBy('continuation', second),
        }),
      ).toEqual([]);
    },
    NEAR_LIMIT_TEST_TIMEOUT_MS,
  );
});

describe.concurrent('no secret leaves through a failing path', () => {
  it('from a function whose policy feeds secrets into bad fields: timer, unsigned and signed HTTP', async ({
    expect,
  }) => {
    const world = await scenario();
    const policy = writeBadPolicy(mkdtempSync(join(built.outdir, 'bad-')), 'policy.json');
    const env = { ...world.env, SCF_BACKUP_POLICY: policy };
    const now = new Date();
    const run = await invoke(
      built,
      'disk-backup',
      [
        timerEvent('disk-backup', now),
        httpEvent(undefined, {}, now),
        httpEvent(`${SECRETS.webhookSecret}-wrong`, {}, now),
        httpEvent(SECRETS.webhookSecret, {}, now),
      ],
      { env },
    );
    const [timer, , , signed] = run.results;
    // The policy is refused, every problem named by its variable.
    for (const result of [timer, signed]) {
      expect(result?.ok === false && result.error.name).toBe('PolicyError');
      expect(result?.ok === false && result.error.message).toContain(
        '`${env:TENCENTCLOUD_SECRETKEY}` is not a',
      );
    }
    expect([1, 2].map((i) => httpResponseOf(run, i).statusCode)).toEqual([401, 401]);
    expect(await world.stats()).toEqual({});
    expect(leaks(emittedBy('bad policy', run))).toEqual([]);
  });

  it('from `validate` and `run` given a policy that feeds secrets into bad fields (exit 2)', async ({
    expect,
  }) => {
    const world = await scenario();
    const policy = writeBadPolicy(mkdtempSync(join(built.outdir, 'bad-cli-')), 'bad.yaml');
    const emitted: Emitted = {};
    for (const argv of [
      ['validate', '--policy', policy],
      ['run', '--policy', policy, '--verbose'],
      ['plan', '--policy', policy, '--json'],
    ]) {
      const result = await cli(argv, world.env);
      expect(result.code, argv[0]).toBe(2);
      expect(result.stderr).toContain('${env:HUAWEICLOUD_SDK_SK}');
      Object.assign(emitted, cliEmitted(argv.join(' '), result));
    }
    expect(await world.stats()).toEqual({});
    expect(leaks(emitted)).toEqual([]);
  });

  it('from `run --verbose` when the cloud refuses the key, and the key id', async ({ expect }) => {
    const world = await scenario();
    const emitted: Emitted = {};
    for (const [label, wrong] of [
      ['wrong key', { TENCENTCLOUD_SECRETKEY: CLOUD.wrongTencentSecretKey }],
      ['wrong key id', { TENCENTCLOUD_SECRETID: IDS.wrongTencentSecretId }],
    ] as const) {
      const result = await cli(['run', '--policy', E2E_POLICY, '--verbose', '--json'], {
        ...world.env,
        ...wrong,
      });
      expect(result.code, label).toBe(1);
      const report = JSON.parse(result.stdout) as RunReport;
      const codes = report.policies.filter((p) => p.kind === 'cbs-disk').map((p) => p.error?.code);
      expect(codes, label).toEqual([expect.stringMatching(/^AuthFailure/)]);
      Object.assign(emitted, cliEmitted(`run --verbose, ${label}`, result));
    }
    // The refused id really was quoted back by the cloud: the redactor took it out.
    expect(Object.values(emitted).join('\n')).toContain('[REDACTED]');
    expect(leaks(emitted)).toEqual([]);
  });

  it('from `run --verbose` when every call succeeds', async ({ expect }) => {
    const world = await scenario();
    const result = await cli(['run', '--policy', E2E_POLICY, '--verbose'], world.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('"message":"run started"');
    await expectSignedCallsAccepted(expect, world);
    expect(leaks(cliEmitted('run --verbose', result))).toEqual([]);
  });
});
