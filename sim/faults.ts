/**
 * Fault injection (`POST /_sim/faults`): latency, error codes, throttling, requests held
 * without an answer (before or after the action ran) and dropped connections. One seedable
 * PRNG decides, so a test that sets `seed` sees the same faults on every run.
 *
 * Each call in scope draws once: [0, dropRate) drops, then timeoutRate, timeoutAfterCommitRate
 * and errorRate follow as consecutive bands, so the outcomes are exclusive and the rates exact.
 */
import { z } from 'zod';

const rate = z.number().min(0).max(1).optional();

export const faultConfigSchema = z
  .strictObject({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    errorRate: rate,
    errorCodes: z.array(z.string().min(1)).optional(),
    throttle: z.boolean().optional(),
    timeoutRate: rate,
    timeoutAfterCommitRate: rate,
    dropRate: rate,
    /** `<service>.<Action>` keys; when present, only these calls are touched. */
    actions: z.array(z.string().min(1)).optional(),
    seed: z.number().int().optional(),
    /** Resource ids whose next backups are accepted, then end in the cloud's failed state. */
    failBackupsOf: z.array(z.string().min(1)).optional(),
  })
  .refine(
    (c) =>
      (c.dropRate ?? 0) + (c.timeoutRate ?? 0) + (c.timeoutAfterCommitRate ?? 0) + (c.errorRate ?? 0) <= 1,
    { message: 'dropRate + timeoutRate + timeoutAfterCommitRate + errorRate must not exceed 1' },
  );

export type FaultConfig = z.infer<typeof faultConfigSchema>;
export type FaultKind = 'none' | 'drop' | 'timeout' | 'timeoutAfterCommit' | 'error' | 'throttle';
export type SimCloudName = 'tencent' | 'huawei';

export interface FaultPlan {
  kind: FaultKind;
  latencyMs: number;
  /** For `error`: the code to answer with. */
  code?: string;
}

const NO_FAULT: FaultPlan = { kind: 'none', latencyMs: 0 };

// Huawei codes are `<PREFIX>.<digits>` (DWS.0005, DBS.05000000, APIGW.0308); Tencent's are words.
const HUAWEI_CODE = /^[A-Z]+\.\d+$/;

/** The transient code each service documents, for an error drawn with no code of its cloud. */
const DEFAULT_CODES: Readonly<Record<string, string>> = {
  dws: 'DWS.0005',
  gaussdb: 'DBS.05000000',
};
const DEFAULT_TENCENT_CODE = 'InternalError';

/** mulberry32: tiny, fast and good enough to pick faults. */
function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultInjector {
  /** Validates and replaces the configuration; throws a readable Error when invalid. */
  configure(input: unknown): FaultConfig;
  current(): FaultConfig;
  clear(): void;
  plan(apiKey: string, cloud: SimCloudName, service: string): FaultPlan;
}

export function createFaultInjector(): FaultInjector {
  let config: FaultConfig = {};
  let active = false;
  let scope: ReadonlySet<string> | undefined;
  let random = createPrng(1);
  let codes = { tencent: [] as string[], huawei: [] as string[] };

  function configure(input: unknown): FaultConfig {
    const parsed = faultConfigSchema.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      throw new Error(`invalid fault configuration: ${issues.join('; ')}`);
    }
    config = parsed.data;
    const { seed, actions, errorCodes: _codes, failBackupsOf: _failing, ...faults } = config;
    // Only something that can change an answer switches the per-call draw on (failBackupsOf
    // changes backups' later states, not answers).
    active = Object.values(faults).some((v) => v !== undefined && v !== false && v !== 0);
    scope = actions ? new Set(actions) : undefined;
    random = createPrng(seed ?? Math.floor(Math.random() * 2 ** 32));
    const all = config.errorCodes ?? [];
    codes = {
      tencent: all.filter((c) => !HUAWEI_CODE.test(c)),
      huawei: all.filter((c) => HUAWEI_CODE.test(c)),
    };
    return config;
  }

  return {
    configure,
    current: () => config,
    clear() {
      configure({});
    },
    plan(apiKey, cloud, service) {
      if (!active || (scope && !scope.has(apiKey))) return NO_FAULT;
      const latencyMs = config.latencyMs ?? 0;
      if (config.throttle) return { kind: 'throttle', latencyMs };
      let draw = random();
      const bands: ReadonlyArray<readonly [FaultKind, number | undefined]> = [
        ['drop', config.dropRate],
        ['timeout', config.timeoutRate],
        ['timeoutAfterCommit', config.timeoutAfterCommitRate],
        ['error', config.errorRate],
      ];
      for (const [kind, bandRate = 0] of bands) {
        if (draw < bandRate) {
          if (kind !== 'error') return { kind, latencyMs };
          const choices = codes[cloud];
          const fallback =
            cloud === 'tencent' ? DEFAULT_TENCENT_CODE : (DEFAULT_CODES[service] ?? 'DBS.05000000');
          const code = choices.length > 0 ? choices[Math.floor(random() * choices.length)] : fallback;
          return { kind, latencyMs, code: code ?? fallback };
        }
        draw -= bandRate;
      }
      return latencyMs > 0 ? { kind: 'none', latencyMs } : NO_FAULT;
    },
  };
}
