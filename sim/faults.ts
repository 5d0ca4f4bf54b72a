/**
 * Fault injection (`POST /_sim/faults`): latency, error codes, throttling, requests held
 * without an answer (before or after the action ran) and dropped connections.
 *
 * Reproducible under any interleaving: a call's draw is a hash of (seed, action, the request
 * itself, how many times this same request came before), not the next number of a generator
 * every API shares. So with a `seed`, the same calls meet the same faults on every run, however
 * the client's concurrent calls happen to arrive; a retry of a request draws afresh.
 * `sequence` goes further and names each call's outcome by its number within its action.
 *
 * Each call in scope draws once: [0, dropRate) drops, then timeoutRate, timeoutAfterCommitRate
 * and errorRate follow as consecutive bands, so the outcomes are exclusive.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

const rate = z.number().min(0).max(1).optional();

/** One call's outcome in a `sequence`: a fault kind, or `error:<Code>`. */
const step = z.union([
  z.enum(['none', 'drop', 'timeout', 'timeoutAfterCommit', 'throttle', 'error']),
  z.string().regex(/^error:\S+$/, 'an error step is `error` or `error:<Code>`'),
]);

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
    /**
     * `<service>.<Action>` → the outcome of its 1st, 2nd, … call since this configuration; calls
     * past the end of a list (and other actions) follow the rates. Latency applies to all.
     */
    sequence: z.record(z.string().min(1), z.array(step).max(10_000)).optional(),
    /** Every answer's `Date` header is this far from the simulator's clock (a server clock off). */
    dateSkewMs: z.number().int().min(-86_400_000).max(86_400_000).optional(),
    /** One action's successful answers carry field `from` under the name `to`, at any depth. */
    renameField: z
      .strictObject({ action: z.string().min(1), from: z.string().min(1), to: z.string().min(1) })
      .optional(),
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

/** Two uniform numbers in [0, 1) fixed by the seed, the action, the request and its repeat count. */
function drawsFor(seed: number, apiKey: string, requestKey: string, occurrence: number): [number, number] {
  const digest = createHash('sha256').update(`${seed}\n${apiKey}\n${occurrence}\n${requestKey}`).digest();
  return [digest.readUInt32BE(0) / 4294967296, digest.readUInt32BE(4) / 4294967296];
}

export interface FaultInjector {
  /** Validates and replaces the configuration; throws a readable Error when invalid. */
  configure(input: unknown): FaultConfig;
  current(): FaultConfig;
  clear(): void;
  /** `requestKey`: what makes this request this request (region or path, query, body). */
  plan(apiKey: string, cloud: SimCloudName, service: string, requestKey?: string): FaultPlan;
}

export function createFaultInjector(): FaultInjector {
  let config: FaultConfig = {};
  let active = false;
  let scope: ReadonlySet<string> | undefined;
  let seed = 1;
  /** Calls so far per action (for `sequence`) and per identical request (for the draws). */
  let callsOfAction = new Map<string, number>();
  let repeats = new Map<string, number>();
  let codes = { tencent: [] as string[], huawei: [] as string[] };

  function configure(input: unknown): FaultConfig {
    const parsed = faultConfigSchema.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      throw new Error(`invalid fault configuration: ${issues.join('; ')}`);
    }
    config = parsed.data;
    // Answer rewrites (dateSkewMs, renameField) are applied where answers are written, not drawn.
    const {
      seed: chosenSeed,
      actions,
      errorCodes: _codes,
      sequence,
      dateSkewMs: _skew,
      renameField: _rename,
      failBackupsOf: _failing,
      ...faults
    } = config;
    // Only something that can change an answer switches the per-call draw on (failBackupsOf
    // changes backups' later states, not answers).
    active =
      Object.values(faults).some((v) => v !== undefined && v !== false && v !== 0) ||
      Object.values(sequence ?? {}).some((steps) => steps.length > 0);
    scope = actions ? new Set([...actions, ...Object.keys(sequence ?? {})]) : undefined;
    seed = chosenSeed ?? Math.floor(Math.random() * 2 ** 32);
    callsOfAction = new Map();
    repeats = new Map();
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
    plan(apiKey, cloud, service, requestKey = '') {
      if (!active || (scope && !scope.has(apiKey))) return NO_FAULT;
      const latencyMs = config.latencyMs ?? 0;
      const fallback =
        cloud === 'tencent' ? DEFAULT_TENCENT_CODE : (DEFAULT_CODES[service] ?? 'DBS.05000000');
      const nth = (callsOfAction.get(apiKey) ?? 0) + 1;
      callsOfAction.set(apiKey, nth);
      const scheduled = config.sequence?.[apiKey]?.[nth - 1];
      if (scheduled !== undefined) return stepPlan(scheduled, latencyMs, fallback);
      if (config.throttle) return { kind: 'throttle', latencyMs };
      const repeatKey = `${apiKey}\n${requestKey}`;
      const occurrence = (repeats.get(repeatKey) ?? 0) + 1;
      repeats.set(repeatKey, occurrence);
      const [bandDraw, codeDraw] = drawsFor(seed, apiKey, requestKey, occurrence);
      let draw = bandDraw;
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
          const code = choices.length > 0 ? choices[Math.floor(codeDraw * choices.length)] : fallback;
          return { kind, latencyMs, code: code ?? fallback };
        }
        draw -= bandRate;
      }
      return latencyMs > 0 ? { kind: 'none', latencyMs } : NO_FAULT;
    },
  };
}

function stepPlan(scheduled: string, latencyMs: number, fallback: string): FaultPlan {
  if (scheduled.startsWith('error')) {
    const code = scheduled.slice('error:'.length);
    return { kind: 'error', latencyMs, code: code === '' ? fallback : code };
  }
  return { kind: scheduled as FaultKind, latencyMs };
}
