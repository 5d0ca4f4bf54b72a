/**
 * Keeping secrets out of text. A webhook URL is itself a credential (WeCom `key=`, DingTalk
 * `access_token=`, the Feishu and Slack hook paths), and so are signing secrets and custom
 * headers. Everything an alert module logs, throws or returns goes through redactSecrets with
 * the secrets of every configured channel; redactUrl is what a log may show of a URL.
 */
import type { AlertChannel } from './types';

export const REDACTED = '[REDACTED]';

/** Replaces every occurrence of each secret (and its URL-encoded form) with [REDACTED]. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret containing another is replaced whole.
  let out = text;
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    out = out.split(needle).join(REDACTED);
  }
  return out;
}

/** `value` with every string in it (at any depth) passed through `redact`. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)]),
    ) as T;
  }
  return value;
}

/** Path segments after these markers are the token of a hook URL. */
const TOKEN_PATH_MARKERS = ['hook', 'services'] as const;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The parts of a URL that are secret: the whole, userinfo, query values, token path segments. */
export function urlSecrets(url: string): string[] {
  const secrets = [url];
  const parsed = parse(url);
  if (!parsed) return secrets;
  secrets.push(parsed.username, safeDecode(parsed.username), parsed.password, safeDecode(parsed.password));
  for (const [, value] of parsed.searchParams) secrets.push(value);
  const segments = parsed.pathname.split('/').filter(Boolean);
  const marker = segments.findIndex((s) => (TOKEN_PATH_MARKERS as readonly string[]).includes(s));
  if (marker >= 0) {
    const token = segments.slice(marker + 1);
    secrets.push(token.join('/'), ...token);
  } else if (segments.length > 0) {
    // An unknown receiver may put its token anywhere in the path: the path, and any
    // token-like segment, are treated as secret.
    secrets.push(parsed.pathname, ...segments.filter((s) => s.length >= 16));
  }
  return secrets.filter((s) => s.length > 0);
}

/** Every secret a channel's configuration holds. */
export function channelSecrets(channel: AlertChannel): string[] {
  const secrets = urlSecrets(channel.url);
  if ('secret' in channel && channel.secret) secrets.push(channel.secret);
  if (channel.type === 'webhook') {
    for (const value of Object.values(channel.headers ?? {})) {
      secrets.push(value, ...value.split(/\s+/).filter((part) => part.length >= 8));
    }
  }
  return secrets;
}

/** What a log line may show of a hook URL: scheme, host and the non-secret part of the path. */
export function redactUrl(url: string): string {
  const parsed = parse(url);
  if (!parsed) return REDACTED;
  const segments = parsed.pathname.split('/').filter(Boolean);
  const marker = segments.findIndex((s) => (TOKEN_PATH_MARKERS as readonly string[]).includes(s));
  const known = /(^|\.)(qyapi\.weixin\.qq\.com|oapi\.dingtalk\.com)$/.test(parsed.hostname);
  let path: string;
  if (marker >= 0) path = `/${[...segments.slice(0, marker + 1), REDACTED].join('/')}`;
  else if (known) path = parsed.pathname;
  else path = segments.length > 0 ? `/${REDACTED}` : '';
  const query = [...parsed.searchParams.keys()].map((key) => `${key}=${REDACTED}`).join('&');
  return `${parsed.protocol}//${parsed.host}${path}${query ? `?${query}` : ''}`;
}
