import { en } from 'zod/locales';
import type * as z from 'zod/mini';
import type { RawIssue } from './interpolate';
import { didYouMean } from './suggest';

/**
 * zod's issues, reworded for people editing YAML. Schemas set their own messages where the rule
 * is specific (regions, names, retention); this map covers the generic cases. Values are never
 * echoed here: a wrong-typed value might be a secret pasted into the wrong field.
 */
// Anything else gets zod's English message. zod/mini loads no locale (full zod did so on
// import), so the map names its fallback itself rather than leaning on global configuration.
const english = en().localeError;

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function describe(input: unknown): string {
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'number' && !Number.isInteger(input)) return 'a fraction';
  return `a ${typeof input}`;
}

export const policyErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type': {
      if (iss.input === undefined) return 'is required';
      const expected = TYPE_WORDS[iss.expected] ?? iss.expected;
      const quote =
        iss.expected === 'string' && /number|boolean/.test(typeof iss.input) ? "; quote it: '…'" : '';
      return `must be ${expected}, not ${describe(iss.input)}${quote}`;
    }
    case 'too_small':
      if (iss.origin === 'array')
        return iss.minimum === 1 ? 'must not be empty' : `needs at least ${iss.minimum} items`;
      if (iss.origin === 'string') return 'must not be empty';
      return `must be at least ${iss.minimum}`;
    case 'too_big':
      if (iss.origin === 'string') return `must be at most ${iss.maximum} characters`;
      return `must be at most ${iss.maximum}`;
    case 'invalid_value': {
      const values = iss.values.map(String);
      const hint = typeof iss.input === 'string' ? didYouMean(iss.input, values) : '';
      return `must be ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}${hint}`;
    }
    case 'invalid_key':
      return iss.issues[0]?.message ?? 'is not a valid key';
    default:
      return english(iss);
  }
};

/**
 * One RawIssue per problem. A strict object reports all its unknown keys in one issue whose
 * message holds one line per key (see strict() in fields.ts); each becomes its own issue at the
 * key's path, so `policies[0].retention.keepLst` is what the person reads.
 */
export function toRawIssues(issues: readonly z.core.$ZodIssue[]): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (issue.code === 'unrecognized_keys') {
      const lines = issue.message.split('\n');
      const own = lines.length === issue.keys.length;
      issue.keys.forEach((key, i) =>
        out.push({ path: [...path, key], message: own ? lines[i]! : 'unknown key' }),
      );
    } else {
      out.push({ path, message: issue.message });
    }
  }
  return out;
}
