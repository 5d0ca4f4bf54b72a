/**
 * Each answer the targets read, checked against the fields they read (each kind's descriptor
 * names them, lib/targets/<kind>-fields.ts): a missing or mistyped field is reported by its path, and
 * a missing field that the answer has under a near name (`DiskID` for `DiskId`) by both names.
 */
import type * as z from 'zod/mini';
import { HUAWEI_PROJECTS_RESPONSE_FIELDS } from '../cloud/huawei-projects-fields';
import { isRecord } from '../http/send';
import { closest } from '../policy/suggest';
import { TARGETS } from '../targets/registry';

export const RESPONSE_FIELDS: Readonly<Record<string, z.ZodMiniType>> = Object.assign(
  {},
  ...Object.values(TARGETS).map((target) => target.responseFields),
  HUAWEI_PROJECTS_RESPONSE_FIELDS,
);

/** `DiskSet[].Tags[].Key`: indexes folded, so one renamed field is one problem, not one per item. */
function pathName(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part) => (typeof part === 'number' ? '[]' : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const part of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[part];
  return value;
}

/** Problems of one answer of `api`, by field name; empty when it has every field the client reads. */
export function fieldProblems(api: string, body: unknown): string[] {
  const schema = RESPONSE_FIELDS[api];
  if (!schema) return [];
  const result = schema.safeParse(body);
  if (result.success) return [];
  const problems = new Set<string>();
  for (const issue of result.error.issues) {
    const name = pathName(issue.path);
    const parent = valueAt(body, issue.path.slice(0, -1));
    const last = issue.path.at(-1);
    if (isRecord(parent) && typeof last === 'string' && !(last in parent)) {
      const near = closest(
        last,
        Object.keys(parent).filter((key) => key !== last),
      );
      problems.add(near ? `${name} is missing (the answer has ${near})` : `${name} is missing`);
    } else {
      // zod/mini loads no message locale: say it ourselves.
      const actual = valueAt(body, issue.path);
      const got = actual === null ? 'null' : Array.isArray(actual) ? 'an array' : typeof actual;
      const expected = issue.code === 'invalid_type' ? issue.expected : 'another value';
      problems.add(`${name} is ${got}, expected ${expected}`);
    }
  }
  return [...problems];
}
