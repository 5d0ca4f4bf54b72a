/**
 * The zod schemas of what may come in: the console/Invoke event, a timer's `Message`, the HTTP
 * trigger's body. Strict objects everywhere: a misspelt key (`dryrun`) must be an error naming
 * it, never a run with defaults the caller did not ask for.
 */
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { TRIGGERS } from '../engine/types';

// zod/mini (which keeps the bundles small) loads no locale, so every generic issue would read
// "Invalid input"; callers show these messages as they are, so load the English ones that full
// zod loaded on import. Messages set below, and the policy's own map, still take precedence.
z.config(en());

const policyName = z.string().check(z.trim(), z.minLength(1, 'a policy name must not be empty'));
/** At least one name: an empty list would run nothing, which nobody asks for on purpose. */
const policyList = z
  .array(policyName)
  .check(z.minLength(1, 'list at least one policy, or leave "policies" out'));
const isoInstant = z.iso.datetime({
  offset: true,
  error: 'expected an ISO-8601 instant such as 2026-11-24T18:00:00Z',
});

export const continuationSchema = z.strictObject({
  runId: z.string().check(z.minLength(1), z.maxLength(128)),
  attempt: z.number().check(z.int(), z.minimum(1), z.maximum(1000)),
  // The trigger of the run being continued, so its report keeps saying "timer".
  trigger: z.optional(z.enum(TRIGGERS)),
});

export const consoleEventSchema = z.strictObject({
  policies: z.optional(policyList),
  dryRun: z.optional(z.boolean()),
  force: z.optional(z.boolean()),
  now: z.optional(isoInstant),
  continuation: z.optional(continuationSchema),
});
export type ConsoleEvent = z.infer<typeof consoleEventSchema>;

/** A timer's `Message` may narrow the run or ask for a dry run; forcing is for people. */
export const timerMessageSchema = z.strictObject({
  policies: z.optional(policyList),
  dryRun: z.optional(z.boolean()),
});
export type TimerMessage = z.infer<typeof timerMessageSchema>;

/** The fields of the timer event itself; `Type` was already matched case-insensitively. */
export const timerEventSchema = z.object({
  Type: z.string(),
  TriggerName: z.optional(z.string()),
  Time: isoInstant,
  Message: z.optional(z.string()),
});

/** docs/triggers-and-alerts.md: `{"policies": ["name", …], "dryRun": false}`, both optional. */
export const httpBodySchema = z.strictObject({
  policies: z.optional(policyList),
  dryRun: z.optional(z.boolean()),
});
export type HttpBody = z.infer<typeof httpBodySchema>;

/** Names once each, in the order given: `["a","a"]` must not back `a` up twice. */
export function uniqueNames(names: string[] | undefined): string[] | undefined {
  return names ? [...new Set(names)] : undefined;
}
