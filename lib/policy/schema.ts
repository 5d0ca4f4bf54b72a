import * as z from 'zod/mini';
import { alertChannel, discriminatorProblem, envRef, type AlertChannel } from './alerts';
import { durationSchema } from './duration';
import { alertRefs, channelName, strict, timeZone } from './fields';
import { commonFields } from './kind-fields';
import { KINDS, TARGETS, type BackupKind, type RegisteredPolicy } from '../targets/registry';

/**
 * The policy file's schema, and the types the engine codes against, derived from the kinds'
 * descriptors (lib/targets/registry.ts). One schema per kind; each is strict, so a key that
 * belongs to another kind is an error that says which kinds use it.
 */
export const BACKUP_KINDS: readonly BackupKind[] = KINDS;
export type { BackupKind };
export type { AlertChannel };

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_CATCH_UP_MS = 3_600_000;

/** For a key another kind accepts: say so, instead of guessing a spelling. */
function otherKinds(kind: BackupKind) {
  return (key: string) => {
    const users = BACKUP_KINDS.filter((k) => k !== kind && key in TARGETS[k].options);
    return users.length > 0 ? `: \`${key}\` is not used by ${kind} (only by ${users.join(', ')})` : undefined;
  };
}

function kindSchema(kind: BackupKind) {
  return strict({ ...commonFields, kind: z.literal(kind), ...TARGETS[kind].options }, otherKinds(kind));
}

type KindSchema = ReturnType<typeof kindSchema>;
const [first, ...rest] = BACKUP_KINDS.map(kindSchema);

export const policySchema = z.discriminatedUnion('kind', [first as KindSchema, ...rest], {
  error: (iss) =>
    iss.code === 'invalid_union' ? discriminatorProblem(iss.input, 'kind', BACKUP_KINDS) : undefined,
});

export const defaultsSchema = strict({
  timezone: z.optional(timeZone),
  catchUp: z.optional(durationSchema),
  alerts: z.optional(alertRefs),
});

const hour = z.int().check(z.gte(0), z.lte(23));

/** When the daily digest of stale resources goes out, and how often the timers fire. */
export const protectionSettingsSchema = strict({
  /** Hour of the day (in each policy's time zone) of the daily digest of stale and never-backed-up resources. */
  digestHour: z.optional(hour),
  /** How often the deployed timers fire (serverless.yml): alerts derive "once" from it. */
  timerPeriod: z.optional(durationSchema),
});

export const DEFAULT_DIGEST_HOUR = 9;
export const DEFAULT_TIMER_PERIOD_MS = 15 * 60_000;

export const policyFileSchema = strict({
  version: z.literal(1, {
    error: (iss) =>
      iss.input === undefined
        ? 'is required: start the file with `version: 1`'
        : 'unsupported version: this scf-backup reads version 1',
  }),
  defaults: z.optional(defaultsSchema),
  alerts: z._default(z.record(channelName, alertChannel), {}),
  /** A healthchecks-style URL requested after every invocation (`<url>/fail` after a failed one). */
  heartbeat: z.optional(strict({ url: envRef })),
  protection: z.optional(protectionSettingsSchema),
  policies: z.array(policySchema).check(z.minLength(1)),
});

export type BackupPolicy = RegisteredPolicy;
export type Selection = Extract<BackupPolicy, { select: unknown }>['select'];
export type Retention = Extract<BackupPolicy, { retention: unknown }>['retention'];

export interface ProtectionSettings {
  digestHour: number;
  timerPeriodMs: number;
}

export interface PolicyFile {
  version: 1;
  alerts: Record<string, AlertChannel>;
  /** The URL itself once resolved from the environment: a secret, like a channel URL. */
  heartbeat?: { url: string };
  protection: ProtectionSettings;
  policies: BackupPolicy[];
}

/** Fills each policy's timezone, catch-up window and alerts from `defaults`, then the built-ins. */
export function applyDefaults(parsed: z.output<typeof policyFileSchema>): PolicyFile {
  const d = parsed.defaults ?? {};
  const policies = parsed.policies.map(({ timezone, catchUp, alerts, ...rest }) => ({
    ...rest,
    timezone: timezone ?? d.timezone ?? DEFAULT_TIME_ZONE,
    catchUpMs: catchUp ?? d.catchUp ?? DEFAULT_CATCH_UP_MS,
    alerts: alerts ?? d.alerts ?? [],
  })) as BackupPolicy[];
  return {
    version: 1,
    alerts: parsed.alerts,
    ...(parsed.heartbeat ? { heartbeat: parsed.heartbeat } : {}),
    protection: {
      digestHour: parsed.protection?.digestHour ?? DEFAULT_DIGEST_HOUR,
      timerPeriodMs: parsed.protection?.timerPeriod ?? DEFAULT_TIMER_PERIOD_MS,
    },
    policies,
  };
}
