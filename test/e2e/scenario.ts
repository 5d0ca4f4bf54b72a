/**
 * One end-to-end scenario's world: a simulator seeded with the example seed, local alert
 * receivers that verify signatures (test/integration/alert-receivers.ts), and the environment a
 * deployed function would have, pointing at both. Each scenario gets its own, so scenarios run
 * side by side and every stats or state assertion sees one scenario's calls only.
 */
import {
  EXAMPLE_SEED_PATH,
  startSimulator,
  type FaultConfig,
  type RunningSimulator,
  type SimSeed,
} from '../../sim';
import type { CredentialOverrides } from '../../sim/credentials';
import { simAdmin, type SimStats } from '../helpers/sim-admin';
import { startReceivers, unreachableBase } from '../integration/alert-receivers';

/** Every secret a function's environment holds besides the cloud keys. */
export interface FunctionSecrets {
  webhookSecret: string;
  dingtalkToken: string;
  dingtalkSecret: string;
  feishuToken: string;
  feishuSecret: string;
  alertHookToken: string;
  alertHookSecret: string;
  alertHookAuth: string;
}

export const PLAIN_SECRETS: FunctionSecrets = {
  webhookSecret: 'e2e-trigger-secret',
  dingtalkToken: 'e2e-dingtalk-token',
  dingtalkSecret: 'SECe2e-dingtalk-secret',
  feishuToken: 'e2e-feishu-token',
  feishuSecret: 'e2e-feishu-secret',
  alertHookToken: 'e2e-alert-hook-token',
  alertHookSecret: 'e2e-alert-hook-secret',
  alertHookAuth: 'Bearer e2e-alert-hook-auth',
};

export interface ScenarioOptions {
  secrets?: FunctionSecrets;
  /** Fixed cloud keys; the simulator generates them otherwise. */
  credentials?: CredentialOverrides;
  /** Point every alert channel at a port nobody listens on. */
  alertsUnreachable?: boolean;
  /** Leave SCF_BACKUP_WEBHOOK_SECRET unset: the HTTP way in is disabled. */
  noWebhookSecret?: boolean;
  /** Another seed than the example seed. */
  seed?: SimSeed;
}

export type { SimStats };

export interface SimState {
  tencent: {
    diskBackups: Array<{ DiskBackupId: string; DiskId: string; DiskBackupName: string }>;
    mysqlBackups: Array<{ BackupId: number; InstanceId: string; ManualBackupName: string }>;
    backupStorageLocations: Array<{ Name: string }>;
    functionInvocations?: Array<{ functionName: string; invocationType: string; event: unknown }>;
  };
  huawei: {
    dws: { snapshots: Array<{ id: string; cluster_id: string; name: string }> };
    gaussdb: { backups: Array<{ id: string; instance_id: string; name: string }> };
  };
}

export type Receivers = Awaited<ReturnType<typeof startReceivers>>;

export interface Scenario {
  sim: RunningSimulator;
  receivers: Receivers;
  secrets: FunctionSecrets;
  /** The function's environment, as SCF would set it with an execution role. */
  env: Record<string, string>;
  /** Over HTTP, as the contract's `GET /_sim/stats` and `/_sim/state`. */
  stats(): Promise<SimStats>;
  state(): Promise<SimState>;
  faults(config: FaultConfig): Promise<void>;
  close(): Promise<void>;
}

export async function openScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const secrets = options.secrets ?? PLAIN_SECRETS;
  // Short transitions: a backup made by one invocation is finished by the next one's listing.
  const sim = await startSimulator({
    port: 0,
    seed: options.seed ?? EXAMPLE_SEED_PATH,
    transitionMs: 100,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const receivers = await startReceivers({
    clock: Date.now,
    dingtalkSecret: secrets.dingtalkSecret,
    feishuSecret: secrets.feishuSecret,
    webhookSecret: secrets.alertHookSecret,
  });
  const alertBase = options.alertsUnreachable ? await unreachableBase() : receivers.base;
  // SCF gives a function with an execution role temporary keys and a session token.
  const tencent = sim.credentials.tencentSession;
  const { huawei } = sim.credentials;
  const env: Record<string, string> = {
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-guangzhou',
    TENCENTCLOUD_SECRETID: tencent.secretId,
    TENCENTCLOUD_SECRETKEY: tencent.secretKey,
    TENCENTCLOUD_SESSIONTOKEN: tencent.token,
    TENCENTCLOUD_ENDPOINT: sim.url,
    HUAWEICLOUD_SDK_AK: huawei.ak,
    HUAWEICLOUD_SDK_SK: huawei.sk,
    HUAWEICLOUD_SDK_PROJECT_ID: huawei.projectId,
    HUAWEICLOUD_ENDPOINT: sim.url,
    DINGTALK_WEBHOOK_URL: `${alertBase}/robot/send?access_token=${secrets.dingtalkToken}`,
    DINGTALK_SECRET: secrets.dingtalkSecret,
    FEISHU_WEBHOOK_URL: `${alertBase}/open-apis/bot/v2/hook/${secrets.feishuToken}`,
    FEISHU_SECRET: secrets.feishuSecret,
    ALERT_WEBHOOK_URL: `${alertBase}/hooks/${secrets.alertHookToken}`,
    ALERT_WEBHOOK_SECRET: secrets.alertHookSecret,
    ALERT_WEBHOOK_AUTH: secrets.alertHookAuth,
    ...(options.noWebhookSecret ? {} : { SCF_BACKUP_WEBHOOK_SECRET: secrets.webhookSecret }),
  };

  return {
    sim,
    receivers,
    secrets,
    env,
    ...simAdmin<SimState>(sim.url),
    async close() {
      await Promise.all([sim.stop(), receivers.close()]);
    },
  };
}

/** The calls each API received, without the zero counters: what a test compares. */
export function callCounts(stats: SimStats): Record<string, number> {
  return Object.fromEntries(Object.entries(stats).map(([api, counters]) => [api, counters.calls]));
}

/** Calls made between two stats snapshots, per API (stats are cumulative). */
export function callsBetween(before: SimStats, after: SimStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [api, counters] of Object.entries(after)) {
    const calls = counters.calls - (before[api]?.calls ?? 0);
    if (calls > 0) out[api] = calls;
  }
  return out;
}

/** Cloud API names that only read: Describe*, List*, Show*. */
export const READ_ACTION = /^[a-z]+\.(Describe|List|Show)[A-Za-z]*$/;

/** Every CBS create refused with a permanent error: the failures that alerts must report. */
export const DISK_CREATES_FAIL: FaultConfig = {
  errorRate: 1,
  errorCodes: ['InvalidDisk.NotSupported'],
  actions: ['cbs.CreateDiskBackup'],
};

/**
 * A run cut short by its time limit, deterministically: discovery (`cbs.DescribeDisks`) is held
 * `latencyMs`, more than half of `timeLimitMs` — the half the function keeps back — so the
 * deadline has always passed before any backup could start, while the rest of the invocation
 * (skipping three disks, one SCF Invoke, the report: tens of milliseconds idle) has 9.5 s before
 * middy's early timeout at the limit: 3.5 s was not enough at a load of 38 on two cores.
 */
export const NEAR_LIMIT: { faults: FaultConfig; timeLimitMs: number } = {
  faults: { latencyMs: 10_500, actions: ['cbs.DescribeDisks'] },
  timeLimitMs: 20_000,
};
/** A test that runs a NEAR_LIMIT invocation and its continuation. */
export const NEAR_LIMIT_TEST_TIMEOUT_MS = 90_000;
