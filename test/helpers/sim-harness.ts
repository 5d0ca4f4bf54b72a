/**
 * The real engine against the real simulator, over HTTP. One harness is one simulator with its
 * own keys, rate-limit windows and clock, plus one throttle: tests that each start a harness can
 * run side by side without pacing each other.
 *
 * The simulator's clock is the wall clock plus a shift the test controls. A new backup stays in
 * progress for `transitionMs` (20 s by default) of that clock, so "still being created" holds for
 * as long as a test needs it, and `settle()` finishes every backup at once by moving the clock on:
 * no sleeping. The shift must stay under the 300 s signature skew Tencent allows.
 */
import { expect } from 'vitest';
import { simAdmin, type SimStats } from './sim-admin';
import { createCloudClients } from '../../lib/cloud/clients';
import { httpRequest } from '../../lib/http/request';
import type { HttpRequest, HttpTransport } from '../../lib/http/types';
import type { Env } from '../../lib/cloud/credentials';
import { runBackups, type RunOptions } from '../../lib/engine/run';
import type { RunReport } from '../../lib/engine/types';
import { parsePolicyText, selectPolicies, type PolicyFile } from '../../lib/policy';
import { createThrottle, type Throttle } from '../../lib/throttle/throttle';
import { startSimulator, type FaultConfig, type RunningSimulator, type SimSeed } from '../../sim';
import { TARGETS } from '../../lib/targets/registry';

export const DEFAULT_TRANSITION_MS = 20_000;
const MAX_SHIFT_MS = 240_000;

export type { SimStats };

export interface RunArgs {
  now: string | Date;
  dryRun?: boolean;
  force?: boolean;
  policies?: string[];
  /** Another environment (wrong keys…); the harness's own by default. */
  env?: Env;
  execute?: RunOptions['execute'];
  /** The engine's back-off sleep; by default it moves the simulator's clock instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Skip the check that the simulator throttled nothing (for runs that expect refusals). */
  allowThrottled?: boolean;
  /** How long the clients wait for an answer (the simulator can be told to never give one). */
  timeoutMs?: number;
  /** Pace this run on its own, as another SCF instance would, instead of with the harness's. */
  ownThrottle?: boolean;
  /** Wraps the clients' HTTP transport (e.g. to hold requests at a barrier). */
  transport?: HttpTransport;
}

export interface SimHarness {
  sim: RunningSimulator;
  url: string;
  /** The variables a deployed function would have, pointing at this simulator. */
  env: Env;
  transitionMs: number;
  throttle: Throttle;
  /** Moves the simulator's clock on (backup states, rate windows, signature times). */
  advance(ms: number): void;
  /** Lets every backup in progress finish. */
  settle(): void;
  policy(yaml: string): PolicyFile;
  run(file: PolicyFile, args: RunArgs): Promise<RunReport>;
  state(): Promise<SimState>;
  stats(): Promise<SimStats>;
  faults(config: FaultConfig): Promise<void>;
  stop(): Promise<void>;
}

/** `GET /_sim/state`, typed as far as these tests read it. */
export interface SimState {
  tencent: {
    diskBackups: Array<{
      DiskBackupId: string;
      DiskId: string;
      DiskBackupName: string;
      DiskBackupState: string;
    }>;
    snapshots: Array<{
      Region: string;
      SnapshotId: string;
      DiskId: string;
      SnapshotName: string;
      SnapshotState: string;
      CopyFromRemote: boolean;
    }>;
    mysqlBackups: Array<{
      BackupId: number;
      InstanceId: string;
      ManualBackupName: string;
      Status: string;
      Way: string;
    }>;
    backupStorageLocations: Array<{
      Name: string;
      StorageRegion: string;
      Bucket: string;
      Path: string;
      Provider: string;
      State: string;
    }>;
  };
  huawei: {
    projectId: string;
    dws: { snapshots: Array<{ id: string; cluster_id: string; name: string; status: string; type: string }> };
    gaussdb: {
      backups: Array<{ id: string; instance_id: string; name: string; status: string; type: string }>;
    };
  };
}

export function simEnv(sim: RunningSimulator): Env {
  const { tencent, huawei } = sim.credentials;
  return {
    TENCENTCLOUD_ENDPOINT: sim.url,
    TENCENTCLOUD_SECRETID: tencent.secretId,
    TENCENTCLOUD_SECRETKEY: tencent.secretKey,
    HUAWEICLOUD_ENDPOINT: sim.url,
    HUAWEICLOUD_SDK_AK: huawei.ak,
    HUAWEICLOUD_SDK_SK: huawei.sk,
    // One project serves one region: a simulator with several has its ids discovered.
    HUAWEICLOUD_SDK_PROJECT_ID: Object.keys(huawei.projects).length > 1 ? undefined : huawei.projectId,
  };
}

export function throttledCalls(stats: SimStats): number {
  return Object.values(stats).reduce((sum, api) => sum + api.throttled, 0);
}

export async function startHarness(
  options: { seed: SimSeed | string; transitionMs?: number } = { seed: {} },
): Promise<SimHarness> {
  let shiftMs = 0;
  const transitionMs = options.transitionMs ?? DEFAULT_TRANSITION_MS;
  const sim = await startSimulator({
    port: 0,
    seed: options.seed,
    transitionMs,
    rateLimits: true,
    clock: { now: () => Date.now() + shiftMs },
  });
  const env = simEnv(sim);
  const admin = simAdmin<SimState>(sim.url);
  const throttle = createThrottle();
  const advance = (ms: number) => {
    shiftMs += ms;
    if (shiftMs > MAX_SHIFT_MS)
      throw new Error(`the simulator clock is ${shiftMs} ms ahead: signatures would expire`);
  };

  return {
    sim,
    url: sim.url,
    env,
    transitionMs,
    throttle,
    advance,
    settle: () => advance(transitionMs + 1),
    policy: (yaml) => parsePolicyText(yaml, env, 'inline policy'),
    async run(file, args) {
      const kinds = selectPolicies(file, args.policies).map((p) => p.kind);
      const clients = createCloudClients(args.env ?? env, {
        clouds: kinds,
        throttle: args.ownThrottle ? createThrottle() : throttle,
        ...(args.timeoutMs ? { timeoutMs: args.timeoutMs } : {}),
        ...(args.transport ? { transport: args.transport } : {}),
      });
      const report = await runBackups({
        registry: TARGETS,
        file,
        request: {
          trigger: 'cli',
          dryRun: args.dryRun ?? false,
          force: args.force ?? false,
          now: new Date(args.now),
          ...(args.policies ? { policies: args.policies } : {}),
        },
        clients,
        execute: args.execute,
        sleep:
          args.sleep ??
          (async (ms) => {
            advance(ms);
            await new Promise((resolve) => setImmediate(resolve));
          }),
      });
      if (!args.allowThrottled) {
        const stats = await admin.stats();
        expect(throttledCalls(stats), 'calls the simulator refused as over the rate').toBe(0);
      }
      return report;
    },
    ...admin,
    stop: () => sim.stop(),
  };
}

/**
 * A transport that holds each request `matches` picks until `parties` identical ones (same URL and
 * body) have arrived, then sends them together; later ones pass. Overlapping runs meet at it with
 * everything planned, however slowly a loaded machine lets each of them get there.
 */
export function barrierTransport(
  parties: number,
  matches: (request: HttpRequest) => boolean,
  send: HttpTransport = httpRequest,
): HttpTransport {
  const waiting = new Map<string, Array<() => void>>();
  const released = new Set<string>();
  return async (request) => {
    const key = `${String(request.url)}\n${String(request.body ?? '')}`;
    if (matches(request) && !released.has(key)) {
      await new Promise<void>((resolve) => {
        const queue = [...(waiting.get(key) ?? []), resolve];
        waiting.set(key, queue);
        if (queue.length < parties) return;
        released.add(key);
        waiting.delete(key);
        for (const go of queue) go();
      });
    }
    return send(request);
  };
}

/** Harnesses started by one test file, stopped together in its afterAll. */
export function harnessPool() {
  const started: SimHarness[] = [];
  return {
    async start(options?: Parameters<typeof startHarness>[0]): Promise<SimHarness> {
      const harness = await startHarness(options);
      started.push(harness);
      return harness;
    },
    stopAll: () => Promise.all(started.map((h) => h.stop())),
  };
}

/** Calls of one API since `before` (stats are cumulative). */
export function callsSince(before: SimStats, after: SimStats, api: string): number {
  return (after[api]?.calls ?? 0) - (before[api]?.calls ?? 0);
}
