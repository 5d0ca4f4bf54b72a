/**
 * What every kind's policy shares, and the building blocks a kind's descriptor
 * (lib/targets/<kind>.ts) declares its own options with. The policy type of a kind is derived
 * here from the options it declares, so the schema's kind union is derived from the registry.
 */
import * as z from 'zod/mini';
import { durationSchema } from './duration';
import {
  alertRefs,
  cronSchedule,
  maxAttempts,
  policyName,
  projectId,
  regions,
  timeZone,
  type Cloud,
} from './fields';
import { retention, selection, type IdShape } from './selection';

export const commonFields = {
  name: policyName,
  enabled: z._default(z.boolean(), true),
  schedule: cronSchedule,
  timezone: z.optional(timeZone),
  catchUp: z.optional(durationSchema),
  alerts: z.optional(alertRefs),
};

/** The options a kind declares, by key: zod schemas, checked strictly with the common fields. */
export type KindOptions = Record<string, z.ZodMiniType>;

/** Regions the official lists do not know yet, allowed on purpose (region-checks.ts). */
export const allowRegions = (cloud: Cloud) => z.optional(regions(cloud));

/** Huawei project ids: one per region (`projectId` alone only for a one-region policy). */
export const huaweiProjectFields = {
  projectId: z.optional(projectId),
  projectIds: z.optional(z.record(z.string(), projectId)),
};

/** Protection: how fresh a backup must be, and whether an empty selection is fine. */
export const protectionFields = {
  /** Default: the longest gap between two slots plus the catch-up window (lib/protection/freshness.ts). */
  freshness: z.optional(durationSchema),
  /** A region where the selection matches nothing is a failure (NothingSelected) unless this is true. */
  allowEmpty: z.optional(z.boolean()),
};

/** The options of a kind that backs up selected resources in regions and prunes by retention. */
export function regionalBackupFields<C extends Cloud>(cloud: C, id: IdShape) {
  return {
    regions: regions(cloud),
    allowRegions: allowRegions(cloud),
    select: selection(id),
    retention,
    maxAttempts,
    ...protectionFields,
  };
}

type Flat<T> = { [K in keyof T]: T[K] } & {};
type Raw<K extends string, O extends KindOptions> = z.output<
  z.ZodMiniObject<typeof commonFields & { kind: z.ZodMiniLiteral<K> } & O>
>;

/** A policy with the file's defaults applied: its time zone, catch-up window and alert list are always set. */
export type KindPolicy<K extends string, O extends KindOptions> = Flat<
  Omit<Raw<K, O>, 'timezone' | 'catchUp' | 'alerts'> & {
    timezone: string;
    catchUpMs: number;
    alerts: string[];
  }
>;

/** What the engine may rely on in any kind's policy. */
export interface PolicyBase {
  kind: string;
  name: string;
  enabled: boolean;
  schedule: string;
  timezone: string;
  catchUpMs: number;
  alerts: string[];
}
