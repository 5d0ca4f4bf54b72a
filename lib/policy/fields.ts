import * as z from 'zod/mini';
import { parseCron } from '../schedule/cron';
import { CronError } from '../schedule/errors';
import { canonicalTimeZone } from '../schedule/zoned-time';
import { zoneNameProblem } from '../schedule/zone-names';
import { DEFAULT_MAX_ATTEMPTS, MAX_ATTEMPTS_LIMIT } from '../engine/naming';
import { didYouMean } from './suggest';

/** Building blocks of the policy schema: each field's rule and the message that explains it. */

/**
 * A strict object whose unknown keys are reported one line per key, each with a suggestion:
 * a typo must never pass silently. `hints` explains keys that are valid elsewhere (a Huawei
 * `projectId` on a Tencent kind) better than "did you mean" could.
 */
export function strict<S extends z.core.$ZodLooseShape>(
  shape: S,
  hints: (key: string) => string | undefined = () => undefined,
) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? iss.keys
            .map(
              (key) =>
                `unknown key${hints(key) ?? (didYouMean(key, known) || `; expected one of ${known.join(', ')}`)}`,
            )
            .join('\n')
        : undefined,
  });
}

/** A custom check written as a function returning the problem, or undefined when fine. */
export function rule<T extends z.ZodMiniType>(
  schema: T,
  problem: (value: z.output<T>) => string | undefined,
) {
  return schema.check(
    z.superRefine((value: z.output<T>, ctx) => {
      const message = problem(value);
      if (message !== undefined) ctx.addIssue({ code: 'custom', message });
    }),
  );
}

/**
 * A conversion that can fail (a duration to milliseconds, a zone to its canonical name). The
 * problem is an issue at the field which, unlike a rule's, stops the checks of the objects
 * around it: they would only see a value that was never converted. zod/mini's transform is
 * handed the bare parse payload (no addIssue), hence `fail`.
 */
export function convert<T extends z.ZodMiniType, O>(
  schema: T,
  fn: (value: z.output<T>, fail: (message: string) => void) => O,
) {
  return z.pipe(
    schema,
    z.transform((value: z.output<T>, payload) =>
      fn(value, (message) => payload.issues.push({ code: 'custom', message, input: value })),
    ),
  );
}

/** Goes into backup names, whose strictest limit (CDB, 60 chars) leaves 24 for the policy name. */
export const policyName = rule(z.string(), (name) => {
  if (name.length < 2 || name.length > 24)
    return `must be 2–24 characters (it goes into backup names), not ${name.length}`;
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    return 'must start with a lowercase letter and use only a–z, 0–9 and -';
  return undefined;
});

/**
 * Backups a slot may be attempted with (after the cloud failed the earlier ones). Past it the
 * resource fails until the next slot: a backup that always fails must not pile up new ones.
 */
export const maxAttempts = z._default(
  rule(z.int(), (n) =>
    n >= 1 && n <= MAX_ATTEMPTS_LIMIT
      ? undefined
      : `must be 1–${MAX_ATTEMPTS_LIMIT} (backup attempts per slot; default ${DEFAULT_MAX_ATTEMPTS})`,
  ),
  DEFAULT_MAX_ATTEMPTS,
);

export const channelName = rule(z.string(), (name) =>
  /^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(name)
    ? undefined
    : `\`${name}\` must be a letter then up to 39 letters, digits, - or _`,
);

export const cronSchedule = rule(z.string(), (text) => {
  try {
    parseCron(text);
    return undefined;
  } catch (error) {
    if (error instanceof CronError) return error.message;
    throw error;
  }
});

export const timeZone = convert(z.string(), (text, fail) => {
  const refused = zoneNameProblem(text);
  if (refused !== undefined) {
    fail(refused);
    return text;
  }
  const canonical = canonicalTimeZone(text);
  if (canonical === undefined) {
    const hint = didYouMean(text, Intl.supportedValuesOf('timeZone'));
    fail(`\`${text}\` is not an IANA time zone${hint}; e.g. Asia/Shanghai or UTC`);
  }
  return canonical ?? text;
});

export type Cloud = 'tencent' | 'huawei';
const REGION_SHAPE: Record<Cloud, { pattern: RegExp; label: string; example: string }> = {
  // Tencent regions have no digits (ap-guangzhou, ap-shanghai-fsi); Huawei's end in one (cn-north-4).
  tencent: { pattern: /^[a-z]{2}-[a-z]+(?:-[a-z]+)?$/, label: 'Tencent Cloud', example: 'ap-guangzhou' },
  huawei: { pattern: /^[a-z]{2}-[a-z]+(?:-[a-z]+)?-\d{1,3}$/, label: 'Huawei Cloud', example: 'cn-north-4' },
};

export function region(cloud: Cloud) {
  const own = REGION_SHAPE[cloud];
  const other = REGION_SHAPE[cloud === 'tencent' ? 'huawei' : 'tencent'];
  return rule(z.string(), (name) => {
    if (own.pattern.test(name)) return undefined;
    if (other.pattern.test(name)) {
      return `\`${name}\` is a ${other.label} region, but this kind runs on ${own.label} (regions like ${own.example})`;
    }
    return `\`${name}\` is not a ${own.label} region name (like ${own.example})`;
  });
}

/** Distinct values: a repeated entry is a copy-paste slip worth pointing at. */
export function uniqueList<T extends z.ZodMiniType>(item: T, what: string) {
  return z.array(item).check(
    z.minLength(1),
    z.superRefine((items: z.output<T>[], ctx) => {
      items.forEach((value, i) => {
        const first = items.indexOf(value);
        if (first !== i)
          ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${what} (also at [${first}])` });
      });
    }),
  );
}

export function regions(cloud: Cloud) {
  return uniqueList(region(cloud), 'region');
}

/** Huawei project ids are 32 hex characters; some tools print them with capitals. */
export const projectId = rule(z.string(), (id) =>
  /^[0-9a-zA-Z]{32}$/.test(id) ? undefined : 'must be 32 letters and digits (a Huawei Cloud project id)',
);

/** Alert channel names a policy refers to; their existence is checked across the file (checks.ts). */
export const alertRefs = z.array(z.string().check(z.minLength(1)));
