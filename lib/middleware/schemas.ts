/**
 * The zod schemas of what may come in: the console/Invoke event, a timer's `Message`, the HTTP
 * trigger's body. Strict objects everywhere: a misspelt key (`dryrun`) must be an error naming
 * it, never a run with defaults the caller did not ask for.
 */
import { z } from 'zod';
import { TRIGGERS } from '../engine/types';

const policyName = z.string().trim().min(1, 'a policy name must not be empty');
/** At least one name: an empty list would run nothing, which nobody asks for on purpose. */
const policyList = z.array(policyName).min(1, 'list at least one policy, or leave "policies" out');
const isoInstant = z.iso.datetime({
  offset: true,
  message: 'expected an ISO-8601 instant such as 2026-11-24T18:00:00Z',
});

export const continuationSchema = z.strictObject({
  runId: z.string().min(1).max(128),
  attempt: z.number().int().min(1).max(1000),
  // The trigger of the run being continued, so its report keeps saying "timer".
  trigger: z.enum(TRIGGERS).optional(),
});

export const consoleEventSchema = z.strictObject({
  policies: policyList.optional(),
  dryRun: z.boolean().optional(),
  force: z.boolean().optional(),
  now: isoInstant.optional(),
  continuation: continuationSchema.optional(),
});
export type ConsoleEvent = z.infer<typeof consoleEventSchema>;

/** A timer's `Message` may narrow the run or ask for a dry run; forcing is for people. */
export const timerMessageSchema = z.strictObject({
  policies: policyList.optional(),
  dryRun: z.boolean().optional(),
});
export type TimerMessage = z.infer<typeof timerMessageSchema>;

/** The fields of the timer event itself; `Type` was already matched case-insensitively. */
export const timerEventSchema = z.object({
  Type: z.string(),
  TriggerName: z.string().optional(),
  Time: isoInstant,
  Message: z.string().optional(),
});

/** CONTRACT.md: `{"policies": ["name", …], "dryRun": false}`, both optional. */
export const httpBodySchema = z.strictObject({
  policies: policyList.optional(),
  dryRun: z.boolean().optional(),
});
export type HttpBody = z.infer<typeof httpBodySchema>;

/** Names once each, in the order given: `["a","a"]` must not back `a` up twice. */
export function uniqueNames(names: string[] | undefined): string[] | undefined {
  return names ? [...new Set(names)] : undefined;
}
