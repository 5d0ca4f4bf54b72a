/**
 * The BUILT function bundles, called the way SCF calls them, against the simulator and local
 * alert receivers over real HTTP. Nothing in lib/ is imported to run a function: each scenario
 * starts a container (a child process, see bundles.ts) that requires dist-like output and calls
 * `main_handler(event, context)`.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { RunReport } from '../../lib/engine/types';
import {
  buildE2eBundles,
  FUNCTION_KINDS,
  FUNCTION_NAMES,
  httpResponseOf,
  invoke,
  reportOf,
  type BuiltFunctions,
  type FunctionName,
  type Invocation,
} from './bundles';
import { apiGatewayEvent, httpEvent, refusedRequests, timerEvent } from './events';
import {
  callsBetween,
  NEAR_LIMIT,
  NEAR_LIMIT_TEST_TIMEOUT_MS,
  openScenario,
  READ_ACTION,
  type Scenario,
  type ScenarioOptions,
  DISK_CREATES_FAIL,
} from './scenario';

let built: BuiltFunctions;

beforeAll(async () => {
  built = await buildE2eBundles();
});
afterAll(() => built?.remove());

const open: Scenario[] = [];
afterAll(async () => {
  await Promise.all(open.map((scenario) => scenario.close()));
});

async function scenario(options?: ScenarioOptions): Promise<Scenario> {
  const opened = await openScenario(options);
  open.push(opened);
  return opened;
}

const targets = (report: RunReport) => report.policies.flatMap((p) => p.targets);
const messages = (invocation: Invocation) => invocation.logs.map((line) => line.message);

/** The fields of the report in a `run report` log line (the contract: its fields at top level). */
function loggedReport(invocation: Invocation): Record<string, unknown> {
  const last = invocation.logs.at(-1) ?? {};
  const { time: _time, level: _level, message: _message, function: _function, requestId, ...fields } = last;
  // The log line also names the SCF invocation, which the returned report does not.
  if (typeof requestId !== 'string') throw new Error('the run report log line names no requestId');
  return fields;
}

/** The simulator's Tencent RequestId: a UUID, as the API's. */
const TENCENT_REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.concurrent('the built functions, as SCF runs them', () => {
  it('makes the due backups on a timer event, logs JSON lines ending with the report, and is idempotent on retry', async ({
    expect,
  }) => {
    const world = await scenario();
    const event = timerEvent('disk-backup', new Date());
    // SCF retries a failed asynchronous invocation with the same event; the same warm container here.
    const run = await invoke(built, 'disk-backup', [event, event], { env: world.env });

    const report = reportOf(run, 0);
    expect(report).toMatchObject({ trigger: 'timer', dryRun: false, status: 'succeeded' });
    expect(report.policies.map((p) => p.name)).toEqual(['nightly-disks']);
    expect(
      targets(report)
        .map((t) => `${t.resourceId} ${t.action} ${t.outcome}`)
        .sort(),
    ).toEqual(['disk-0001 create done', 'disk-0002 create done', 'disk-0003 create done']);
    expect(report.totals).toEqual({ created: 3, skipped: 0, pruned: 0, failed: 0, stale: 0, never: 0 });

    const state = await world.state();
    for (const target of targets(report)) {
      expect(state.tencent.diskBackups).toContainEqual(
        expect.objectContaining({
          DiskBackupId: target.backupId,
          DiskId: target.resourceId,
          DiskBackupName: target.backupName,
        }),
      );
    }

    // The retry plans the same slot and finds it done.
    const retry = reportOf(run, 1);
    expect(retry.status).toBe('succeeded');
    expect(retry.totals).toEqual({ created: 0, skipped: 3, pruned: 0, failed: 0, stale: 0, never: 0 });
    expect((await world.stats())['cbs.CreateDiskBackup']?.calls).toBe(3);

    // The log: JSON lines only, each naming the function; the cloud's request ids beside our run id;
    // the last line of each invocation is the run report.
    expect(run.logs.filter((line) => line.raw !== undefined)).toEqual([]);
    expect(run.logs.every((line) => line.function === 'disk-backup')).toBe(true);
    const created = run.logs.filter((line) => line.message === 'backup created');
    expect(created).toHaveLength(3);
    for (const line of created) {
      expect(line).toMatchObject({
        runId: report.runId,
        trigger: 'timer',
        requestId: run.results[0]?.requestId,
      });
      expect(line.cloudRequestId).toMatch(TENCENT_REQUEST_ID);
    }
    expect(messages(run).filter((m) => m === 'run report')).toHaveLength(2);
    expect(run.logs.at(-1)?.message).toBe('run report');
    expect(loggedReport(run)).toEqual(retry);
    expect(run.stderr).toBe('');
  });

  it('plans only on a console dry run: every target planned, nothing changed, only read actions called', async ({
    expect,
  }) => {
    const world = await scenario();
    const stateBefore = await world.state();
    const runs = await Promise.all(
      FUNCTION_NAMES.map((fn) => invoke(built, fn, [{ dryRun: true }], { env: world.env })),
    );

    for (const run of runs) {
      const report = reportOf(run);
      expect(report).toMatchObject({ trigger: 'console', dryRun: true, status: 'succeeded' });
      // Nothing was ever backed up: every resource of a backup kind is `never`.
      const never = targets(report).filter((t) => t.action !== 'ensure').length;
      expect(report.totals).toEqual({ created: 0, skipped: 0, pruned: 0, failed: 0, stale: 0, never });
      expect(targets(report).length).toBeGreaterThan(0);
      expect(targets(report).every((t) => t.outcome === 'planned')).toBe(true);
    }
    expect(await world.state()).toEqual(stateBefore);
    const called = Object.keys(await world.stats());
    expect(called.length).toBeGreaterThan(0);
    expect(called.filter((api) => !READ_ACTION.test(api))).toEqual([]);
  });

  it('answers a signed HTTP request, Function URL and legacy API-gateway shapes, with 200 and the report', async ({
    expect,
  }) => {
    const world = await scenario();
    const secret = world.secrets.webhookSecret;
    const now = new Date();
    const functionUrl = httpEvent(secret, { policies: ['nightly-disks'] }, now);
    const run = await invoke(
      built,
      'disk-backup',
      [functionUrl, apiGatewayEvent(secret, { dryRun: false }, now), functionUrl],
      { env: world.env },
    );

    const first = httpResponseOf(run, 0);
    expect(first).toMatchObject({
      isBase64Encoded: false,
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(first.json).toMatchObject({ trigger: 'http', dryRun: false, status: 'succeeded' });
    expect((first.json as unknown as RunReport).totals).toEqual({
      created: 3,
      skipped: 0,
      pruned: 0,
      failed: 0,
      stale: 0,
      never: 0,
    });

    const second = httpResponseOf(run, 1);
    expect(second.statusCode).toBe(200);
    expect(second.json).toMatchObject({ trigger: 'http', status: 'succeeded' });
    expect((second.json as unknown as RunReport).totals).toEqual({
      created: 0,
      skipped: 3,
      pruned: 0,
      failed: 0,
      stale: 0,
      never: 0,
    });

    // The first request again, within its window: refused, and no third run starts.
    expect(httpResponseOf(run, 2)).toMatchObject({ statusCode: 409, json: { reason: 'replay' } });
    expect(messages(run).filter((m) => m === 'run started')).toHaveLength(2);
    expect((await world.stats())['cbs.CreateDiskBackup']?.calls).toBe(3);
  });

  it('refuses missing, wrong, stale, replayed, oversized and malformed requests before any cloud API', async ({
    expect,
  }) => {
    const world = await scenario();
    const disabled = await scenario({ noWebhookSecret: true });
    const requests = refusedRequests(world.secrets.webhookSecret, new Date());
    const [run, off] = await Promise.all([
      invoke(
        built,
        'disk-backup',
        requests.map((r) => r.event),
        { env: world.env },
      ),
      // With no secret configured, even a correctly signed request is refused.
      invoke(built, 'disk-backup', [httpEvent('any-secret', {}, new Date())], { env: disabled.env }),
    ]);

    expect(requests.map((_, i) => httpResponseOf(run, i).statusCode)).toEqual([401, 401, 401, 400, 409, 413]);
    requests.forEach((request, i) => {
      expect(httpResponseOf(run, i).json, request.name).toMatchObject({
        reason: request.reason,
        error: expect.any(String),
      });
    });
    expect(httpResponseOf(off, 0)).toMatchObject({ statusCode: 401, json: { reason: 'disabled' } });

    for (const [refusals, w] of [
      [run, world],
      [off, disabled],
    ] as const) {
      expect(await w.stats()).toEqual({});
      expect(messages(refusals)).not.toContain('run started');
      expect(messages(refusals).every((m) => m === 'http request refused')).toBe(true);
    }
    expect(run.logs).toHaveLength(requests.length);
  });

  it('alerts DingTalk, Feishu and the webhook, signed, with the cloud error codes and request ids', async ({
    expect,
  }) => {
    const world = await scenario();
    await world.faults({ ...DISK_CREATES_FAIL, seed: 7 });
    const run = await invoke(built, 'disk-backup', [timerEvent('disk-backup', new Date())], {
      env: world.env,
    });

    // Partial failure is a result: the invocation returns the report, it does not throw.
    const report = reportOf(run);
    expect(report.status).toBe('failed');
    expect(report.totals.failed).toBe(3);
    const failures = targets(report);
    for (const target of failures) {
      expect(target.error).toEqual({
        code: 'InvalidDisk.NotSupported',
        message: 'Injected fault: InvalidDisk.NotSupported.',
        requestId: expect.stringMatching(TENCENT_REQUEST_ID),
      });
    }

    // Each receiver verified its scheme (DingTalk: URL timestamp+sign; Feishu: body timestamp+sign;
    // webhook: X-Scf-Backup-Signature) and accepted the first attempt: one message per channel.
    const { receivers } = world;
    expect(receivers.received.map((r) => r.service).sort()).toEqual(['dingtalk', 'feishu', 'webhook']);
    // The signatures, recomputed here from each platform's documented scheme and our secrets.
    const dingtalk = receivers.of('dingtalk')[0]?.query;
    const dingtalkAt = dingtalk?.get('timestamp') ?? '';
    const { dingtalkSecret, feishuSecret } = world.secrets;
    expect(dingtalk?.get('sign')).toBe(
      createHmac('sha256', dingtalkSecret).update(`${dingtalkAt}\n${dingtalkSecret}`).digest('base64'),
    );
    const feishu = receivers.of('feishu')[0]?.json as { sign?: string; timestamp?: string } | undefined;
    expect(feishu?.timestamp).toMatch(/^\d{10}$/);
    expect(feishu?.sign).toBe(
      createHmac('sha256', `${feishu?.timestamp}\n${feishuSecret}`).update('').digest('base64'),
    );
    expect(receivers.of('webhook')[0]?.headers.authorization).toBe(world.secrets.alertHookAuth);
    const delivered = run.logs.filter((line) => line.message === 'alert delivered');
    expect(delivered.map((line) => [line.channel, line.attempts]).sort()).toEqual([
      ['ops-dingtalk', 1],
      ['ops-feishu', 1],
      ['ops-hook', 1],
    ]);
    for (const message of receivers.received) {
      const body = message.body.toString('utf8');
      expect(body).toContain(report.runId);
      expect(body).toContain('nightly-disks');
      expect(body).toContain('InvalidDisk.NotSupported');
      for (const target of failures) expect(body).toContain(target.error?.requestId);
    }
    expect(run.logs.at(-1)?.message).toBe('run report');
  });

  it('alerts with a Huawei error code and request id when a Huawei API fails', async ({ expect }) => {
    const world = await scenario();
    await world.faults({ errorRate: 1, errorCodes: ['DWS.0001'], actions: ['dws.CreateSnapshot'], seed: 7 });
    const run = await invoke(built, 'warehouse-backup', [timerEvent('warehouse-backup', new Date())], {
      env: world.env,
    });
    const [failure] = targets(reportOf(run));
    expect(failure?.error).toMatchObject({
      code: 'DWS.0001',
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(world.receivers.received).toHaveLength(3);
    for (const message of world.receivers.received) {
      expect(message.body.toString('utf8')).toContain(failure?.error?.requestId);
    }
  });

  it('throws AlertDeliveryError when no alert channel can be reached, so SCF records a failed invocation', async ({
    expect,
  }) => {
    const world = await scenario({ alertsUnreachable: true });
    await world.faults(DISK_CREATES_FAIL);
    const run = await invoke(built, 'disk-backup', [timerEvent('disk-backup', new Date())], {
      env: world.env,
    });

    const [result] = run.results;
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.error.name).toBe('AlertDeliveryError');
    expect(result.error.message).toMatch(/^no alert channel could be reached \(3 tried\)/);
    for (const channel of ['ops-dingtalk', 'ops-feishu', 'ops-hook']) {
      expect(result.error.message).toContain(`"${channel}"`);
    }
    expect(result.error.message).toContain('ECONNREFUSED');
    expect(result.error.causes).toEqual(['AggregateError: every alert channel failed']);
    expect(world.receivers.received).toEqual([]);
    // The failures are still on record: the report is the log's last line, as on success.
    expect(run.logs.at(-1)).toMatchObject({ message: 'run report', status: 'failed', totals: { failed: 3 } });
  });

  it('runs only its own kinds, and refuses a console event naming another function’s policy', async ({
    expect,
  }) => {
    const expectedPolicies: Record<FunctionName, string[]> = {
      'disk-backup': ['nightly-disks'],
      'database-backup': ['mysql-daily', 'gauss-orders'],
      'warehouse-backup': ['dws-nightly'],
      'backup-repository': ['tke-repos'],
    };
    const services: Record<FunctionName, string[]> = {
      'disk-backup': ['cbs'],
      'database-backup': ['cdb', 'gaussdb'],
      'warehouse-backup': ['dws'],
      'backup-repository': ['tke'],
    };
    await Promise.all(
      FUNCTION_NAMES.map(async (fn) => {
        const world = await scenario();
        const run = await invoke(built, fn, [timerEvent(fn, new Date())], { env: world.env });
        const report = reportOf(run);
        expect(report.status, fn).toBe('succeeded');
        expect(report.policies.map((p) => p.name).sort(), fn).toEqual([...expectedPolicies[fn]].sort());
        expect(
          report.policies.every((p) => (FUNCTION_KINDS[fn] as readonly string[]).includes(p.kind)),
          fn,
        ).toBe(true);
        const called = new Set(Object.keys(await world.stats()).map((api) => api.split('.')[0]));
        expect([...called].sort(), fn).toEqual([...services[fn]].sort());
      }),
    );

    const world = await scenario();
    const before = await world.stats();
    const now = new Date();
    const run = await invoke(
      built,
      'database-backup',
      [
        { policies: ['nightly-disks'] },
        httpEvent(world.secrets.webhookSecret, { policies: ['nightly-disks'] }, now),
      ],
      { env: world.env },
    );
    const [consoleResult] = run.results;
    expect(consoleResult?.ok).toBe(false);
    if (consoleResult?.ok === false) {
      expect(consoleResult.error.name).toBe('RunInputError');
      expect(consoleResult.error.message).toBe(
        'nightly-disks (cbs-disk): not run by this function, which runs cdb-mysql, gaussdb-mysql',
      );
    }
    // The same request over HTTP is the caller's mistake: 400 with the same reason.
    expect(httpResponseOf(run, 1)).toMatchObject({
      statusCode: 400,
      json: { error: expect.stringContaining('not run by this function') },
    });
    expect(callsBetween(before, await world.stats())).toEqual({});
  });

  it(
    'continues a run that nears its time limit through SCF Invoke, and the continuation finishes the slot',
    async ({ expect }) => {
      const world = await scenario();
      // Discovery outlasts the deadline (NEAR_LIMIT): no backup may start, and the run says so.
      await world.faults(NEAR_LIMIT.faults);
      const first = await invoke(built, 'disk-backup', [timerEvent('disk-backup', new Date())], {
        env: world.env,
        timeLimitMs: NEAR_LIMIT.timeLimitMs,
      });
      const continued = reportOf(first);
      expect(continued.status).toBe('continued');
      expect(
        targets(continued).every((t) => t.outcome === 'skipped' && /time limit/.test(t.reason ?? '')),
      ).toBe(true);
      expect(first.logs.find((line) => line.message === 'run continued')).toMatchObject({
        runId: continued.runId,
        attempt: 1,
      });

      const invocations = (await world.state()).tencent.functionInvocations ?? [];
      expect(invocations).toHaveLength(1);
      const [invocation] = invocations;
      expect(invocation).toMatchObject({ functionName: 'disk-backup', invocationType: 'Event' });

      // What SCF does with the asynchronous Invoke: runs the function on its event.
      await world.faults({});
      const second = await invoke(built, 'disk-backup', [invocation?.event], { env: world.env });
      const finished = reportOf(second);
      expect(finished).toMatchObject({ runId: continued.runId, trigger: 'timer', status: 'succeeded' });
      expect(finished.totals.created).toBe(3);
      const names = targets(finished).map((t) => t.backupName);
      const made = (await world.state()).tencent.diskBackups.filter((b) => names.includes(b.DiskBackupName));
      expect(made.map((b) => b.DiskId).sort()).toEqual(['disk-0001', 'disk-0002', 'disk-0003']);
    },
    NEAR_LIMIT_TEST_TIMEOUT_MS,
  );
});
