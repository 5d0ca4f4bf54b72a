/**
 * One handler for every function, three ways in (timer, console/Invoke, HTTP): middy wiring of
 * the trigger and alert middlewares around the engine. A function file only names itself: its
 * kinds are the registry's (lib/targets/functions.ts).
 */
import middy from '@middy/core';
import { createCloudClients } from '../cloud/clients';
import { loadTencentCredentials, loadTencentEndpoint } from '../cloud/credentials';
import { createTencentClient } from '../cloud/tencent';
import { createRedactor, redactDeep, secretsFromEnv } from '../alerts/redact';
import type { Env } from '../cloud/credentials';
import { doctorEventSchema, doctorInvocation, isDoctorEvent } from '../doctor/event';
import { createLogger, type Logger } from '../engine/log';
import { runBackups, selectRunPolicies } from '../engine/run';
import type { RunReport } from '../engine/types';
import type { HttpTransport } from '../http/types';
import type { BackupKind } from '../policy/schema';
import { kindsOfFunction } from '../targets/functions';
import { alertsMiddleware } from './alerts-middleware';
import { realSleep } from '../throttle/throttle';
import { describeIssues, InvalidEventError } from './errors';
import { invokeContinuation } from './continuation';
import { heartbeatMiddleware } from './heartbeat-middleware';
import { environmentForRun } from './huawei-keys';
import { loadRuntimeConfig, webhookSecretOf, type RuntimeConfig } from './runtime-config';
import { deadlineOf, type ScfContext } from './scf-context';
import { authenticateMiddleware } from './authenticate-middleware';
import { httpResponseMiddleware } from './http-response-middleware';
import { normalizeMiddleware, type NormalizedInvocation } from './normalize-middleware';
import { redactError, reportLogMiddleware } from './report-log-middleware';
import { failedTransiently, scfRetryMiddleware } from './scf-retry';
import { TARGETS } from '../targets/registry';

export interface BackupFunctionSpec {
  name: string;
  /** Default: the kinds whose descriptors name this function. */
  kinds?: readonly BackupKind[];
}

/** Injected by tests and `scf-backup invoke`; SCF itself uses the defaults. */
export interface BackupFunctionDeps {
  env?: Env;
  /** Where policy.json is (the bundle's own directory). */
  bundleDir?: string;
  clock?: () => number;
  write?: (line: string) => void;
  alertTransport?: HttpTransport;
  heartbeatTransport?: HttpTransport;
  /** The pause a continuation takes before its first call (CONTINUATION_PAUSE_MS). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Clouds count rates over a one-second window, and a continuation paces with a fresh throttle
 * (possibly on another instance): it waits one window before its first call, so its calls never
 * share a second with the previous invocation's last ones (SCF Invoke itself is 100/s, no wait of
 * its own). Taken from the continuation's full time budget, not the previous one's margin. A
 * little over the window: timers and the two sides' millisecond clocks round.
 */
export const CONTINUATION_PAUSE_MS = 1100;

export function createBackupFunction(given: BackupFunctionSpec, deps: BackupFunctionDeps = {}) {
  const spec = { name: given.name, kinds: given.kinds ?? kindsOfFunction(given.name) };
  const env = deps.env ?? process.env;
  const clock = deps.clock ?? Date.now;
  // The one redactor of this container: the environment's secrets from the start, the alert
  // channels' once the policy is loaded. Logs, reports, alerts and errors all go through it.
  const redact = createRedactor(secretsFromEnv(env));
  let config: RuntimeConfig | undefined;
  // Loaded on first need, which for an HTTP request is after its signature was checked.
  const getConfig = () => {
    if (!config) {
      config = loadRuntimeConfig(env, deps.bundleDir ?? __dirname);
      redact.add(config.channelSecrets);
    }
    return config;
  };
  const log: Logger = createLogger({
    write: deps.write ?? ((line) => console.log(line)),
    redactor: redact,
    fields: { function: spec.name },
    clock,
  });
  const getLog = () => log;

  // Each invocation's report until it is logged: when a step after the run fails (no alert
  // channel reachable), onError still logs it — by then the log is the failures' only record.
  const unlogged = new WeakMap<object, RunReport>();
  const reachedRun = new WeakSet<object>();
  const transientFailures = new WeakSet<object>();
  const logReport = (report: RunReport, context: ScfContext) =>
    getLog()
      .child({ requestId: context.request_id })
      .info('run report', { ...report });

  const run = async (event: NormalizedInvocation, context: ScfContext): Promise<RunReport> => {
    const { runRequest } = event;
    reachedRun.add(context);
    const { file } = getConfig();
    const runLog = getLog().child({ requestId: context.request_id });
    const deadlineMs = deadlineOf(context, clock());
    if (runRequest.continuation) await (deps.sleep ?? realSleep)(CONTINUATION_PAUSE_MS);
    // Selected once: the policies decide which clouds' credentials are needed (a warehouse function
    // with no Huawei policy enabled needs no Huawei keys), and the run is for exactly them.
    const policies = selectRunPolicies(file, runRequest, spec.kinds);
    // The Huawei keys from their SSM secret, when one is named and a Huawei policy runs.
    const runEnv = await environmentForRun(
      env,
      policies.map((p) => p.kind),
      context,
      redact,
    );
    const report = await runBackups({
      registry: TARGETS,
      file,
      request: runRequest,
      policies,
      clients: createCloudClients(runEnv, { clouds: policies.map((p) => p.kind) }),
      kinds: spec.kinds,
      log: runLog,
      clock,
      deadlineMs,
    });
    unlogged.set(context, report);
    // Decided on the engine's own report, whose errors carry their class (not in the JSON).
    if (failedTransiently(report)) transientFailures.add(context);
    if (report.status === 'continued') {
      // SCF's Invoke is a Tencent API whatever the kinds: the function's own role signs it.
      const scf = createTencentClient({
        credentials: loadTencentCredentials(env),
        endpoint: loadTencentEndpoint(env),
      });
      const next = await invokeContinuation(scf, context, env, runRequest, report);
      runLog.info('run continued', {
        runId: report.runId,
        attempt: next.attempt,
        invokeRequestId: next.requestId,
      });
    }
    return report;
  };

  // The console event {"doctor": true} runs the checks of `scf-backup doctor` with this
  // function's role and environment, and never a backup: it is answered before the run's chain.
  const doctor = async (event: unknown, context: ScfContext) => {
    const parsed = doctorEventSchema.safeParse(event);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      throw new InvalidEventError(
        `doctor event: ${issues} (expected {"doctor":true,"sendTestAlert"?:bool,"policies"?:[…]})`,
      );
    }
    const log = getLog().child({ requestId: context.request_id });
    const { file } = getConfig();
    return doctorInvocation({
      event: parsed.data,
      file,
      kinds: spec.kinds,
      env: await environmentForRun(
        env,
        selectRunPolicies(file, parsed.data, spec.kinds).map((p) => p.kind),
        context,
        redact,
      ),
      log,
    });
  };

  // middy runs `after` hooks last-registered first: alerts go out, then the report is logged
  // (the log's last line, as the contract says), then the heartbeat, then the HTTP way out wraps it.
  const backup = middy<unknown, RunReport, Error, ScfContext>()
    .use(httpResponseMiddleware())
    .use(normalizeMiddleware({ clock, log: getLog }))
    .use(authenticateMiddleware({ webhookSecret: () => webhookSecretOf(env), clock, log: getLog }))
    .use(
      heartbeatMiddleware({
        url: () => getConfig().file.heartbeat?.url,
        log: getLog,
        transport: deps.heartbeatTransport,
        reachedRun: (request) => reachedRun.has(request.context),
      }),
    )
    // After the report is logged: SCF retries a run that failed only transiently.
    .use(scfRetryMiddleware((context) => transientFailures.has(context)))
    .use(reportLogMiddleware({ redact, log: logReport, unlogged }))
    .use(
      alertsMiddleware({
        file: () => getConfig().file,
        log: getLog,
        redactor: redact,
        transport: deps.alertTransport,
      }),
    )
    // The raw event type is unknown to middy; normalize and authenticate have replaced it by the time run sees it.
    .handler(run as (event: unknown, context: ScfContext) => Promise<RunReport>);
  return async (event: unknown, context: ScfContext) => {
    if (!isDoctorEvent(event)) return backup(event, context);
    try {
      // The same redactor as the run's: what is returned is what the log line shows.
      return redactDeep(await doctor(event, context), redact);
    } catch (error) {
      redactError(error, redact);
      throw error;
    }
  };
}
