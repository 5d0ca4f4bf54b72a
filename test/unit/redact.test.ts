/**
 * The one redactor: every form a secret takes in what we write — plain, JSON-escaped (log lines),
 * URL-encoded (query strings, form bodies) and base64 (a body or header encoded whole, at any
 * alignment) — replaced, in the logger and in alert text alike (each used to miss one).
 */
import { describe, expect, it } from 'vitest';
import { createRedactor, redactSecrets, secretsFromEnv, REDACTED } from '../../lib/alerts/redact';
import { createLogger } from '../../lib/engine/log';

/** A secret with characters that every encoding changes. */
const SECRET = 'p@ss "w/rd"+ä &k=v\\1';

const FORMS: Record<string, (text: string) => string> = {
  plain: (s) => `x ${s} y`,
  'JSON-escaped': (s) => JSON.stringify({ field: `x ${s} y` }),
  'URL-encoded': (s) => `https://hook.example/send?token=${encodeURIComponent(s)}&x=1`,
  'form-encoded': (s) => new URLSearchParams({ token: s }).toString(),
  'base64, aligned': (s) => Buffer.from(s).toString('base64'),
  'base64, after 1 byte': (s) => Buffer.from(`a${s}`).toString('base64'),
  'base64, after 2 bytes': (s) => Buffer.from(`ab${s} tail`).toString('base64'),
};

/** Whatever is left of the secret in `text`, in any of the forms. */
function traces(text: string): string[] {
  const left: string[] = [];
  if (text.includes(SECRET)) left.push('plain');
  if (text.includes(JSON.stringify(SECRET).slice(1, -1))) left.push('JSON-escaped');
  if (text.includes(encodeURIComponent(SECRET))) left.push('URL-encoded');
  if (text.includes(new URLSearchParams({ t: SECRET }).toString().slice(2))) left.push('form-encoded');
  for (const prefix of ['', 'a', 'ab']) {
    const core = Buffer.from(`${prefix}${SECRET}`).toString('base64').slice(4, -4);
    if (text.includes(core)) left.push(`base64 ${prefix.length}`);
  }
  return left;
}

describe('the redactor', () => {
  it.each(Object.entries(FORMS))('removes the %s form', (_name, form) => {
    const text = form(SECRET);
    expect(traces(text).length).toBeGreaterThan(0);
    const redacted = createRedactor([SECRET])(text);
    expect(traces(redacted)).toEqual([]);
    expect(redacted).toContain(REDACTED);
  });

  it('is the one the logger uses: a URL-encoded secret in a log line is redacted', () => {
    const lines: string[] = [];
    createLogger({ write: (line) => lines.push(line), secrets: [SECRET] }).warn('alert failed', {
      target: FORMS['URL-encoded']!(SECRET),
      body: FORMS['base64, after 1 byte']!(SECRET),
    });
    expect(traces(lines.join('\n'))).toEqual([]);
  });

  it('is the one alerts use: a JSON-escaped secret in alert text is redacted', () => {
    expect(traces(redactSecrets(FORMS['JSON-escaped']!(SECRET), [SECRET]))).toEqual([]);
  });

  it('learns secrets later (a channel secret once the policy is loaded), and keeps short values', () => {
    const redact = createRedactor(['cloud-key-1']);
    expect(redact('cloud-key-1 channel-secret-2 abc')).toBe(`${REDACTED} channel-secret-2 abc`);
    redact.add(['channel-secret-2', 'abc']);
    expect(redact('cloud-key-1 channel-secret-2 abc')).toBe(`${REDACTED} ${REDACTED} abc`);
  });

  it('knows every secret variable of the environment: cloud ids and keys, tokens, the trigger secret', () => {
    const env = {
      TENCENTCLOUD_SECRETID: 'id-1111',
      TENCENTCLOUD_SECRETKEY: 'key-2222',
      TENCENTCLOUD_SESSIONTOKEN: 'token-3333',
      HUAWEICLOUD_SDK_AK: 'ak-4444',
      HUAWEICLOUD_SDK_SK: 'sk-5555',
      HUAWEICLOUD_SDK_SECURITY_TOKEN: 'hwtoken-6666',
      SCF_BACKUP_WEBHOOK_SECRET: 'whsec-7777',
      BACKUP_WEBHOOK_SECRET: 'whsec-8888',
      TENCENTCLOUD_REGION: 'ap-guangzhou',
    };
    expect(secretsFromEnv(env).sort()).toEqual(
      Object.entries(env)
        .filter(([name]) => name !== 'TENCENTCLOUD_REGION')
        .map(([, value]) => value)
        .sort(),
    );
  });
});
