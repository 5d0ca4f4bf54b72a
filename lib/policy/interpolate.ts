/**
 * `${env:NAME}` references. Secrets never live in the policy file: alert URLs, signing secrets
 * and webhook headers must be exactly one reference, resolved at load from the environment the
 * caller passes (the function's env, or the CLI's). Other strings may embed references anywhere
 * (`projectId: ${env:HW_PROJECT}`) and are resolved before validation.
 */
export type Env = Readonly<Record<string, string | undefined>>;
export type RawPath = (string | number)[];

export interface RawIssue {
  path: RawPath;
  message: string;
}

/** A string of the document whose references were resolved: what an error must not echo. */
export interface ResolvedString {
  path: RawPath;
  /** As written in the file: `${env:REGION}`, `prefix-${env:ID}`. */
  written: string;
  /** After resolving. */
  text: string;
  /** Each variable used, with its value. */
  values: { name: string; value: string }[];
}

/** The whole value is one reference: `${env:WECOM_WEBHOOK_URL}`. */
export const ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const ANY_REF = /\$\{([^}]*)\}/g;
const REF_BODY = /^env:[A-Za-z_][A-Za-z0-9_]*$/;

/** The variable a whole-value reference names, if the value is one. */
export function envRefName(value: unknown): string | undefined {
  return typeof value === 'string' ? ENV_REF.exec(value)?.[1] : undefined;
}

/** An unset and an empty variable are the same mistake: nothing to send to or sign with. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function notSetMessage(name: string): string {
  return `environment variable ${name} is not set`;
}

/**
 * A copy of `root` with references replaced in every string under the top-level keys `within`
 * (not under `alerts`: channels are resolved later, and only when in use; not under unknown
 * keys, which are errors already). An unresolved reference stays as written, with an issue.
 */
export function interpolateTree(
  root: unknown,
  env: Env,
  issues: RawIssue[],
  within: string[],
  resolved: ResolvedString[] = [],
): unknown {
  const walk = (node: unknown, path: RawPath): unknown => {
    if (typeof node === 'string') return interpolateString(node, env, path, issues, resolved);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node).map(([key, child]) => {
        const keep = path.length === 0 && !within.includes(key);
        return [key, keep ? child : walk(child, [...path, key])];
      });
      return Object.fromEntries(entries);
    }
    return node;
  };
  return walk(root, []);
}

function interpolateString(
  text: string,
  env: Env,
  path: RawPath,
  issues: RawIssue[],
  resolved: ResolvedString[],
): string {
  const values: ResolvedString['values'] = [];
  const out = text.replace(ANY_REF, (whole, body: string) => {
    if (!REF_BODY.test(body)) {
      issues.push({ path, message: `\`${whole}\`: only \${env:NAME} references are supported` });
      return whole;
    }
    const name = body.slice('env:'.length);
    const value = envValue(env, name);
    if (value === undefined) issues.push({ path, message: notSetMessage(name) });
    else values.push({ name, value });
    return value ?? whole;
  });
  if (values.length > 0) resolved.push({ path, written: text, text: out, values });
  return out;
}
