import * as z from 'zod/mini';
import { alertChannel, discriminatorProblem, envRef, type AlertChannel } from './alerts';
import { durationSchema } from './duration';
import {
  alertRefs,
  channelName,
  cronSchedule,
  maxAttempts,
  policyName,
  projectId,
  regions,
  strict,
  timeZone,
} from './fields';
import { cdbOptions, repositories } from './kind-options';
import { ID_SHAPES, retention, selection } from './selection';

/**
 * The policy file's schema, and the types the engine codes against, derived from it. One
 * schema per kind; each is strict, so a key that belongs to another kind is an error that says
 * which kinds use it.
 */
export const BACKUP_KINDS = [
  'cbs-disk',
  'cdb-mysql',
  'tke-repository',
  'dws-cluster',
  'gaussdb-mysql',
] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];
export type { AlertChannel };

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_CATCH_UP_MS = 3_600_000;

const common = {
  name: policyName,
  enabled: z._default(z.boolean(), true),
  schedule: cronSchedule,
  timezone: z.optional(timeZone),
  catchUp: z.optional(durationSchema),
  alerts: z.optional(alertRefs),
};

/** Protection (DESIGN.md "Protection, not just jobs"): how fresh a backup must be, and whether an empty selection is fine. */
const protection = {
  /** Default: the longest gap between two slots plus the catch-up window (lib/protection/freshness.ts). */
  freshness: z.optional(durationSchema),
  /** A region where the selection matches nothing is a failure (NothingSelected) unless this is true. */
  allowEmpty: z.optional(z.boolean()),
};

/** Regions the official lists do not know yet, allowed on purpose (region-checks.ts). */
const allowRegions = (cloud: 'tencent' | 'huawei') => z.optional(regions(cloud));
/** Huawei project ids: one per region (`projectId` alone only for a one-region policy). */
const huaweiProjects = {
  projectId: z.optional(projectId),
  projectIds: z.optional(z.record(z.string(), projectId)),
};

const SHAPES = {
  'cbs-disk': {
    regions: regions('tencent'),
    allowRegions: allowRegions('tencent'),
    select: selection(ID_SHAPES.disk),
    retention,
    maxAttempts,
    ...protection,
  },
  'cdb-mysql': {
    regions: regions('tencent'),
    allowRegions: allowRegions('tencent'),
    select: selection(ID_SHAPES.cdb),
    retention,
    maxAttempts,
    options: cdbOptions,
    ...protection,
  },
  'tke-repository': {
    repositories,
    allowRegions: allowRegions('tencent'),
  },
  'dws-cluster': {
    regions: regions('huawei'),
    allowRegions: allowRegions('huawei'),
    ...huaweiProjects,
    select: selection(ID_SHAPES.huawei),
    retention,
    maxAttempts,
    ...protection,
  },
  'gaussdb-mysql': {
    regions: regions('huawei'),
    allowRegions: allowRegions('huawei'),
    ...huaweiProjects,
    select: selection(ID_SHAPES.huawei),
    retention,
    maxAttempts,
    ...protection,
  },
} as const;

/** For a key another kind accepts: say so, instead of guessing a spelling. */
function otherKinds(kind: BackupKind) {
  return (key: string) => {
    const users = BACKUP_KINDS.filter((k) => k !== kind && key in SHAPES[k]);
    return users.length > 0 ? `: \`${key}\` is not used by ${kind} (only by ${users.join(', ')})` : undefined;
  };
}

function kindSchema<K extends BackupKind>(kind: K) {
  return strict({ ...common, kind: z.literal(kind), ...SHAPES[kind] }, otherKinds(kind));
}

export const policySchema = z.discriminatedUnion(
  'kind',
  [
    kindSchema('cbs-disk'),
    kindSchema('cdb-mysql'),
    kindSchema('tke-repository'),
    kindSchema('dws-cluster'),
    kindSchema('gaussdb-mysql'),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? discriminatorProblem(iss.input, 'kind', BACKUP_KINDS) : undefined,
  },
);

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

type RawPolicy = z.output<typeof policySchema>;
type Flat<T> = { [K in keyof T]: T[K] } & {};
/** A policy with the file's defaults applied: its time zone, catch-up window and alert list are always set. */
type Resolved<P> = P extends unknown
  ? Flat<
      Omit<P, 'timezone' | 'catchUp' | 'alerts'> & { timezone: string; catchUpMs: number; alerts: string[] }
    >
  : never;

export type BackupPolicy = Resolved<RawPolicy>;
export type CbsDiskPolicy = Extract<BackupPolicy, { kind: 'cbs-disk' }>;
export type CdbMysqlPolicy = Extract<BackupPolicy, { kind: 'cdb-mysql' }>;
export type TkeRepositoryPolicy = Extract<BackupPolicy, { kind: 'tke-repository' }>;
export type DwsClusterPolicy = Extract<BackupPolicy, { kind: 'dws-cluster' }>;
export type GaussdbMysqlPolicy = Extract<BackupPolicy, { kind: 'gaussdb-mysql' }>;
export type Selection = CbsDiskPolicy['select'];
export type Retention = CbsDiskPolicy['retention'];

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
