import type { AlertChannel } from './alerts';
import { envRefName, envValue, notSetMessage, type Env, type RawIssue } from './interpolate';
import { didYouMean } from './suggest';

/**
 * Rules that span the file — unique policy names, alert references, the environment of the
 * channels in use. They read the raw document defensively, so they report even when other
 * parts of the file failed the schema: every problem in one round.
 */
type Raw = Record<string, unknown>;

const asObject = (v: unknown): Raw | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function duplicateNames(root: Raw): RawIssue[] {
  const issues: RawIssue[] = [];
  const seen = new Map<string, number>();
  asList(root.policies).forEach((p, i) => {
    const name = asObject(p)?.name;
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else
      issues.push({
        path: ['policies', i, 'name'],
        message: `duplicate name \`${name}\` (policies[${first}] has it)`,
      });
  });
  return issues;
}

/** Every alert list — defaults and each policy — names channels defined under `alerts`. */
export function alertReferences(root: Raw): RawIssue[] {
  const defined = Object.keys(asObject(root.alerts) ?? {});
  const issues: RawIssue[] = [];
  const check = (list: unknown, path: (string | number)[]) =>
    asList(list).forEach((ref, i) => {
      if (typeof ref !== 'string' || defined.includes(ref)) return;
      const known = defined.length > 0 ? `defined: ${defined.join(', ')}` : 'none are defined';
      issues.push({
        path: [...path, i],
        message: `no alert channel \`${ref}\` under alerts${didYouMean(ref, defined)} (${known})`,
      });
    });
  check(asObject(root.defaults)?.alerts, ['defaults', 'alerts']);
  asList(root.policies).forEach((p, i) => check(asObject(p)?.alerts, ['policies', i, 'alerts']));
  return issues;
}

/** Channels some enabled policy alerts to: only their variables must be set (so `validate` runs without every secret). */
export function referencedChannels(root: Raw): Set<string> {
  const fallback = asObject(root.defaults)?.alerts;
  const used = new Set<string>();
  for (const p of asList(root.policies)) {
    const policy = asObject(p);
    if (!policy || policy.enabled === false) continue;
    for (const ref of asList('alerts' in policy ? policy.alerts : fallback))
      if (typeof ref === 'string') used.add(ref);
  }
  return used;
}

/** Each `${env:NAME}` field of a channel: [path within the channel, the value as written]. */
function envFields(channel: Raw): [(string | number)[], unknown][] {
  const fields: [(string | number)[], unknown][] = [
    [['url'], channel.url],
    [['secret'], channel.secret],
  ];
  for (const [key, value] of Object.entries(asObject(channel.headers) ?? {}))
    fields.push([['headers', key], value]);
  return fields;
}

/** Unset variables of the channels in use, named at the field that needs them. */
export function channelEnvironment(root: Raw, used: Set<string>, env: Env): RawIssue[] {
  const issues: RawIssue[] = [];
  for (const [name, value] of Object.entries(asObject(root.alerts) ?? {})) {
    const channel = asObject(value);
    if (!channel || !used.has(name)) continue;
    for (const [path, field] of envFields(channel)) {
      const variable = envRefName(field);
      if (variable === undefined) continue;
      const resolved = envValue(env, variable);
      if (resolved === undefined) {
        issues.push({ path: ['alerts', name, ...path], message: notSetMessage(variable) });
      } else if (path[0] === 'url' && !/^https?:\/\/[^\s/]+/.test(resolved)) {
        // Named, never echoed: the value is a credential even when it is a wrong one.
        issues.push({
          path: ['alerts', name, 'url'],
          message: `environment variable ${variable} is not an http(s) URL`,
        });
      }
    }
  }
  return issues;
}

/**
 * The channels with references replaced by their values. A channel nobody uses keeps any
 * reference whose variable is unset, as written: it is never sent to, so it needs no secret.
 */
/** The value of a `${env:NAME}` reference, or the text itself when it is none or not set. */
export function resolveEnvRef(text: string, env: Env): string {
  const variable = envRefName(text);
  return (variable !== undefined && envValue(env, variable)) || text;
}

/** The heartbeat's `${env:NAME}` must be set: a heartbeat that pings nothing is a silent gap. */
export function heartbeatEnvironment(root: Record<string, unknown>, env: Env): RawIssue[] {
  const url = (root.heartbeat as { url?: unknown } | undefined)?.url;
  const variable = envRefName(url);
  if (variable === undefined || envValue(env, variable) !== undefined) return [];
  return [{ path: ['heartbeat', 'url'], message: notSetMessage(variable) }];
}

export function resolveChannels(
  alerts: Record<string, AlertChannel>,
  env: Env,
): Record<string, AlertChannel> {
  const value = (text: string) => resolveEnvRef(text, env);
  const resolved: Record<string, AlertChannel> = {};
  for (const [name, channel] of Object.entries(alerts)) {
    const copy = { ...channel, url: value(channel.url) };
    if ('secret' in copy && copy.secret !== undefined) copy.secret = value(copy.secret);
    if ('headers' in copy && copy.headers) {
      copy.headers = Object.fromEntries(Object.entries(copy.headers).map(([k, v]) => [k, value(v)]));
    }
    resolved[name] = copy;
  }
  return resolved;
}
