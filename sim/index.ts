/**
 * The local cloud simulator: one loopback HTTP server that speaks Tencent API 3.0 (CBS, CDB,
 * TKE) and Huawei REST (DWS, GaussDB for MySQL) with the clouds' signing, rate limits, error
 * shapes and state changes. For tests, `npm start` and `scf-backup sim`; never bundled into a
 * function.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SimControl } from './admin';
import {
  createCredentials,
  huaweiKeyring,
  tencentKeyring,
  type CredentialOverrides,
  type SimCredentials,
} from './credentials';
import { createFaultInjector, type FaultConfig } from './faults';
import { createHuaweiSimCloud } from './huawei';
import { PROJECT_ROOT } from '../lib/project-root';
import { seedProjects } from './huawei/projects';
import { createPendingWork } from './pending';
import { createRateLimiter } from './rate-limit';
import { createTencentDispatch, type SimRuntime } from './runtime';
import { loadSeedFile, validateSeed } from './seed';
import { createSimServer } from './server';
import { createStats, type ApiCounters } from './stats';
import { createTencentSimCloud } from './tencent';
import { knownTencentRegions } from './tencent/regions';
import type { InvocationListener } from './tencent/scf';
import type { SimBehaviour, SimClock, SimSeed } from './types';

// From the project root, not __dirname: the compiled CLI bundle lives elsewhere.
export const EXAMPLE_SEED_PATH = join(PROJECT_ROOT, 'sim', 'example-seed.yaml');
export const DEFAULT_TRANSITION_MS = 2000;
/** Used when a seed has no Huawei section, so Huawei routes still answer (with nothing in them). */
export const DEFAULT_PROJECT_ID = '0123456789abcdef0123456789abcdef';
const HOST = '127.0.0.1';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A seed, or the path of a YAML/JSON seed file; default the example seed. */
  seed?: SimSeed | string;
  /** Enforce each API's documented rate (sim/rates.ts, its own table from the API pages); default true. */
  rateLimits?: boolean;
  /** How long a new backup stays CREATING/RUNNING/BUILDING; default 2000 ms. */
  transitionMs?: number;
  /** Time for signatures, rate windows and backup states; default the wall clock. */
  clock?: SimClock;
  /** Fixed keys (tests); otherwise generated per start. */
  credentials?: CredentialOverrides;
  /** Told of every SCF `Invoke` (after it has been answered), e.g. to run the built bundle on it. */
  onInvoke?: InvocationListener;
}

export interface RunningSimulator {
  url: string;
  port: number;
  credentials: SimCredentials;
  /** Closes the server, its idle keep-alive sockets and every held request. */
  stop(): Promise<void>;
  /** Restores the seed; clears faults, stats and rate windows (as `POST /_sim/reset`). */
  reset(): void;
  /** Replaces the fault configuration (as `POST /_sim/faults`); throws when invalid. */
  setFaults(faults: FaultConfig): FaultConfig;
  stats(): Record<string, ApiCounters>;
  state(): { tencent: unknown; huawei: unknown };
}

const wallClock: SimClock = { now: () => Date.now() };

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const seed =
    typeof options.seed === 'object'
      ? validateSeed(options.seed)
      : loadSeedFile(options.seed ?? EXAMPLE_SEED_PATH);
  const clock = options.clock ?? wallClock;
  const faults = createFaultInjector();
  const behaviour: SimBehaviour = {
    transitionMs: options.transitionMs ?? DEFAULT_TRANSITION_MS,
    failsBackupOf: (resourceId) => faults.current().failBackupsOf?.includes(resourceId) ?? false,
  };
  const huaweiSeed = seed.huawei ?? { projectId: DEFAULT_PROJECT_ID };
  const projects = seedProjects(huaweiSeed);
  const credentials = createCredentials(projects, options.credentials);
  const buildClouds = (): Pick<SimRuntime, 'tencent' | 'huawei'> => ({
    tencent: createTencentDispatch(
      createTencentSimCloud(seed.tencent, behaviour, clock, options.onInvoke, credentials.huawei),
      knownTencentRegions(seed.tencent),
    ),
    huawei: createHuaweiSimCloud(huaweiSeed, behaviour, clock),
  });
  const runtime: SimRuntime = {
    clock,
    credentials,
    tencentKeys: tencentKeyring(credentials),
    huaweiKeys: huaweiKeyring(credentials),
    rateLimitsEnabled: options.rateLimits ?? true,
    limiter: createRateLimiter(),
    faults,
    stats: createStats(),
    pending: createPendingWork(),
    ...buildClouds(),
  };
  const control: SimControl = {
    reset() {
      Object.assign(runtime, buildClouds());
      runtime.faults.clear();
      runtime.stats.clear();
      runtime.limiter.clear();
    },
    state: () => ({ tencent: runtime.tencent.cloud.snapshot(), huawei: runtime.huawei.snapshot() }),
  };
  const server = createSimServer(() => runtime, control);
  server.listen(options.port ?? 0, HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${port}`,
    port,
    credentials,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        runtime.pending.releaseAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
    reset: () => control.reset(),
    setFaults: (faults) => runtime.faults.configure(faults),
    stats: () => runtime.stats.toJSON(),
    state: () => control.state() as { tencent: unknown; huawei: unknown },
  };
}

export type { SimCredentials } from './credentials';
export type { FaultConfig } from './faults';
export type { ApiCounters } from './stats';
export type { SimClock, SimSeed } from './types';
export type { InvocationListener, ScfInvocation } from './tencent/scf';
