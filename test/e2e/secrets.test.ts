/**
 * The end-to-end scenarios again, with recognizable secret values everywhere a deployed function
 * holds one — cloud keys and session token, the HTTP trigger's secret, alert URL tokens, signing
 * secrets and header values — and a search for each of them in everything the function emits:
 * every log line (stdout and stderr), every alert body the receivers got, every report returned,
 * every error thrown (message, stack, cause chain, own fields) and the event it hands SCF to
 * continue a run. Each scenario also shows the secrets were really in use (signatures checked
 * by the simulator and the receivers), so finding nothing means something.
 */
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import type { CredentialOverrides } from '../../sim/credentials';
import {
  buildE2eBundles,
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

const CREDENTIALS: CredentialOverrides = {
  tencentSession: {
    secretId: 'AKIDe2esecretstest0000000000000000',
    secretKey: CLOUD.tencentSecretKey,
    token: CLOUD.tencentSessionToken,
  },
  huawei: { ak: 'E2ESECRETSTESTAK0001', sk: CLOUD.huaweiSk },
};

/** Every needle, named; the Authorization value is also searched without its scheme. */
const NEEDLES: Record<string, string> = {
  ...SECRETS,
  alertHookAuthToken: SECRETS.alertHookAuth.replace(/^Bearer /, ''),
  ...CLOUD,
};

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

/** `<needle name> in <where>` for every occurrence, plain or URL-encoded. */
function leaks(emitted: Emitted): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(emitted)) {
    for (const [name, value] of Object.entries(NEEDLES)) {
      if (text.includes(value) || text.includes(encodeURIComponent(value))) found.push(`${name} in ${where}`);
    }
  }
  return found;
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
  it('(the search finds a secret where there is one, plain or URL-encoded)', ({ expect }) => {
    const url = `https://oapi.dingtalk.com/robot/send?access_token=${encodeURIComponent(SECRETS.dingtalkToken)}`;
    expect(leaks({ log: `{"key":"${CLOUD.huaweiSk}"}`, alert: url, clean: 'nothing here' })).toEqual([
      'huaweiSk in log',
      'dingtalkToken in alert',
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

  it('in a continued run, the event it hands SCF, and the continuation', async ({ expect }) => {
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
  });
});
