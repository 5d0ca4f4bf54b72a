/**
 * Keeping secrets out of text: THE redactor, the one every log line, alert, report and error a
 * function or the CLI emits goes through. Secrets are the cloud keys and the HTTP trigger's
 * secret (SECRET_VARIABLES) and every alert channel's URL token, signing secret and header
 * (channelSecrets): a webhook URL is itself a credential (WeCom `key=`, DingTalk
 * `access_token=`, the Feishu and Slack hook paths). Each is searched in every form it can take
 * in what we write: plain, JSON-escaped (log lines are JSON), URL-encoded (query strings, form
 * bodies) and base64 (a body or header encoded whole). redactUrl is what a log may show of a URL.
 */
import type { AlertChannel } from './types';

export const REDACTED = '[REDACTED]';

/** Shorter values are not searched for: they would garble every message and hide nothing. */
export const MIN_SECRET_LENGTH = 4;

/** The secret-carrying variables a process may hold: never written anywhere. */
export const SECRET_VARIABLES = [
  'TENCENTCLOUD_SECRETID',
  'TENCENTCLOUD_SECRETKEY',
  'TENCENTCLOUD_SESSIONTOKEN',
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'SCF_BACKUP_WEBHOOK_SECRET',
  'BACKUP_WEBHOOK_SECRET',
] as const;

export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return SECRET_VARIABLES.map((name) => env[name]?.trim()).filter((v): v is string =>
    Boolean(v && v.length >= MIN_SECRET_LENGTH),
  );
}

/**
 * The base64 of `secret` as it appears inside the base64 of a longer text: encoding works on
 * 3-byte groups from the text's start, so for each of the three alignments the whole groups of
 * the secret encode to a fixed run of characters. Runs under 8 characters are skipped.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms: string[] = [];
  for (let skip = 0; skip < 3; skip++) {
    const whole = Math.floor((bytes.length - skip) / 3) * 3;
    if (whole >= 6) forms.push(bytes.subarray(skip, skip + whole).toString('base64'));
  }
  return forms;
}

/** Every form `secret` can take in what we write. */
export function secretForms(secret: string): string[] {
  const urlEncoded = encodeURIComponent(secret);
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    urlEncoded,
    urlEncoded.replace(/%20/g, '+'),
    ...base64Forms(secret),
  ];
}

/** Text in, text out with every form of every secret replaced by [REDACTED]; secrets can be added later. */
export interface Redactor {
  (text: string): string;
  /** Adds secrets (a function learns its channels' secrets only when it loads the policy). */
  add(secrets: Iterable<string | undefined>): void;
}

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  const needles = new Set<string>();
  // Longest first, so a secret containing another is replaced whole.
  let sorted: string[] = [];
  const redactor = ((text: string) => {
    let out = text;
    for (const needle of sorted) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  }) as Redactor;
  redactor.add = (more) => {
    for (const secret of more) {
      if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
      for (const form of secretForms(secret)) if (form.length >= MIN_SECRET_LENGTH) needles.add(form);
    }
    sorted = [...needles].sort((a, b) => b.length - a.length);
  };
  redactor.add(secrets);
  return redactor;
}

/** `text` with every form of each secret replaced by [REDACTED]. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  return createRedactor(secrets)(text);
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
