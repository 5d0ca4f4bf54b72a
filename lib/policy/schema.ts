import * as z from 'zod/mini';
import { alertChannel, discriminatorProblem, type AlertChannel } from './alerts';
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

export const policyFileSchema = strict({
  version: z.literal(1, {
    error: (iss) =>
      iss.input === undefined
        ? 'is required: start the file with `version: 1`'
        : 'unsupported version: this scf-backup reads version 1',
  }),
  defaults: z.optional(defaultsSchema),
  alerts: z._default(z.record(channelName, alertChannel), {}),
  policies: z.array(policySchema).check(z.minLength(1)),
});

export type BackupPolicy = RegisteredPolicy;
export type Selection = Extract<BackupPolicy, { select: unknown }>['select'];
export type Retention = Extract<BackupPolicy, { retention: unknown }>['retention'];

export interface PolicyFile {
  version: 1;
  alerts: Record<string, AlertChannel>;
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
  return { version: 1, alerts: parsed.alerts, policies };
}
