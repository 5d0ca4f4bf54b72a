/**
 * Turns whatever SCF hands the function into one of two things: a RunRequest ready for the
 * engine (timer, console/Invoke, continuation), or an HTTP invocation that must be
 * authenticated first (webhook-auth.ts). Anything else is refused with an error that lists the
 * shapes accepted, because "unrecognized event" alone sends people to the source code.
 */
import type { RunRequest } from '../engine/types';
import { InvalidEventError, UnrecognizedEventError, describeIssues } from './errors';
import { type HttpInvocation, isHttpEvent, toHttpInvocation } from './http-event';
import { firstDuplicateKey } from './json-body';
import { consoleEventSchema, timerEventSchema, timerMessageSchema, uniqueNames } from './schemas';

export const ACCEPTED_EVENT_SHAPES =
  'accepted events: a timer event {"Type":"Timer","TriggerName":…,"Time":"<ISO-8601>","Message":…}; ' +
  'a console/Invoke event {"policies"?:[…],"dryRun"?:bool,"force"?:bool,"now"?:"<ISO-8601>",' +
  '"continuation"?:{"runId","attempt"}}; an HTTP event from a Function URL or the API gateway ' +
  '{"httpMethod","headers","body",…}; the doctor event {"doctor":true,"sendTestAlert"?:bool,"policies"?:[…]}';

export type NormalizedEvent =
  | { kind: 'run'; source: 'timer' | 'console' | 'continuation'; request: RunRequest; warnings: string[] }
  | { kind: 'http'; http: HttpInvocation; warnings: string[] }
  /** An HTTP event too malformed to authenticate: answered 400, nothing started. */
  | { kind: 'bad-http'; error: string; warnings: string[] };

export interface NormalizeEventOptions {
  /** The clock's instant, used when the event does not say when to plan for. */
  now: Date;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isTimerEvent = (event: Record<string, unknown>): boolean =>
  typeof event.Type === 'string' && event.Type.toLowerCase() === 'timer';

/**
 * A `Message` holding a JSON object or array is an instruction and must be valid; free text
 * (the trigger's default is empty) is ignored with a warning, as is text that is not JSON.
 */
function parseTimerMessage(message: string | undefined, warnings: string[]) {
  const text = message?.trim() ?? '';
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    warnings.push('timer Message is not JSON; ignored');
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) {
    warnings.push('timer Message is a JSON scalar, not an object; ignored');
    return {};
  }
  // As for an HTTP body: JSON.parse would keep the last of `"dryRun":true,"dryRun":false`.
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined) {
    throw new InvalidEventError(
      `timer Message: key ${JSON.stringify(duplicate)} appears twice; give it once`,
    );
  }
  const result = timerMessageSchema.safeParse(parsed);
  if (!result.success) {
    throw new InvalidEventError(
      `timer Message: ${describeIssues(result.error.issues)} (expected {"policies"?:[…],"dryRun"?:bool})`,
      result.error.issues,
    );
  }
  return result.data;
}

function fromTimer(event: Record<string, unknown>): NormalizedEvent {
  const parsed = timerEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidEventError(`timer event: ${describeIssues(parsed.error.issues)}`, parsed.error.issues);
  }
  const warnings: string[] = [];
  const message = parseTimerMessage(parsed.data.Message, warnings);
  const request: RunRequest = {
    trigger: 'timer',
    dryRun: message.dryRun ?? false,
    force: false,
    // The fire time, not the clock: SCF's retries carry the same Time and so plan the same slot.
    now: new Date(parsed.data.Time),
  };
  const policies = uniqueNames(message.policies);
  if (policies) request.policies = policies;
  return { kind: 'run', source: 'timer', request, warnings };
}

function fromConsole(event: Record<string, unknown>, options: NormalizeEventOptions): NormalizedEvent {
  const parsed = consoleEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new UnrecognizedEventError(
      `console/Invoke event: ${describeIssues(parsed.error.issues)}. ${ACCEPTED_EVENT_SHAPES}`,
      parsed.error.issues,
    );
  }
  const { policies, dryRun, force, now, continuation } = parsed.data;
  const request: RunRequest = {
    trigger: continuation?.trigger ?? 'console',
    dryRun: dryRun ?? false,
    force: force ?? false,
    now: now ? new Date(now) : options.now,
  };
  const names = uniqueNames(policies);
  if (names) request.policies = names;
  if (continuation) request.continuation = { runId: continuation.runId, attempt: continuation.attempt };
  return { kind: 'run', source: continuation ? 'continuation' : 'console', request, warnings: [] };
}

/**
 * Classifies and validates one SCF event. A malformed HTTP event is a result (its caller gets a
 * 400); any other bad event throws a MiddlewareError naming what is wrong.
 */
export function normalizeEvent(event: unknown, options: NormalizeEventOptions): NormalizedEvent {
  if (!isRecord(event)) {
    const got = event === null ? 'null' : Array.isArray(event) ? 'an array' : typeof event;
    throw new UnrecognizedEventError(
      `unrecognized event: got ${got}, expected a JSON object. ${ACCEPTED_EVENT_SHAPES}`,
    );
  }
  if (isTimerEvent(event)) return fromTimer(event);
  if (isHttpEvent(event)) {
    const http = toHttpInvocation(event);
    return http.ok
      ? { kind: 'http', http: http.http, warnings: [] }
      : { kind: 'bad-http', error: http.error, warnings: [] };
  }
  if (typeof event.Type === 'string' || 'Records' in event) {
    // COS, CMQ, CKafka… events: name what arrived instead of listing its keys as unknown.
    const what = typeof event.Type === 'string' ? `Type "${event.Type}"` : '"Records"';
    throw new UnrecognizedEventError(
      `unrecognized event: ${what} is not a trigger this function serves. ${ACCEPTED_EVENT_SHAPES}`,
    );
  }
  return fromConsole(event, options);
}
