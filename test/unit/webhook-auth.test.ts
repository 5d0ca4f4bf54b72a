import { createHmac } from 'node:crypto';
import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import functionUrlEvent from '../fixtures/events/function-url.json';
import { toHttpInvocation } from '../../lib/middleware/http-event';
import { toHttpResponse, toRefusalResponse } from '../../lib/middleware/http-response';
import { createReplayCache } from '../../lib/middleware/replay-cache';
import { type WebhookAuthOptions, authenticateHttpRequest } from '../../lib/middleware/webhook-auth';

// Spy on the comparison so the test can see it is the constant-time one, on equal lengths.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, createHmac: vi.fn(actual.createHmac), timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const secret = 'whsec-auth-test-secret';
const nowSec = 1_795_543_200;

/** Signs as a client would, independently of lib/signing/webhook.ts. */
function sign(body: string | Buffer, t = nowSec, key = secret): string {
  return `t=${t},v1=${createHmac('sha256', key).update(`${t}.`).update(body).digest('hex')}`;
}

function request(body: string | Buffer, headers: Record<string, string> = {}, method = 'POST') {
  const result = toHttpInvocation({
    ...functionUrlEvent,
    httpMethod: method,
    headers: { ...functionUrlEvent.headers, ...headers },
    body: Buffer.isBuffer(body) ? body.toString('base64') : body,
    isBase64Encoded: Buffer.isBuffer(body),
  });
  if (!result.ok) throw new Error(result.error);
  return result.http;
}

describe('authenticateHttpRequest', () => {
  let options: WebhookAuthOptions;
  const good = '{"policies":["nightly-disks"],"dryRun":true}';

  beforeEach(() => {
    options = { secret, nowSec, replayCache: createReplayCache() };
    vi.mocked(crypto.timingSafeEqual).mockClear();
  });

  it('passes a good request and yields an http RunRequest', () => {
    const result = authenticateHttpRequest(request(good, { 'X-Scf-Backup-Signature': sign(good) }), options);
    expect(result).toEqual({
      ok: true,
      request: {
        trigger: 'http',
        policies: ['nightly-disks'],
        dryRun: true,
        force: false,
        now: new Date(nowSec * 1000),
      },
    });
  });

  it('passes an empty object body: run what is due', () => {
    const result = authenticateHttpRequest(request('{}', { 'x-scf-backup-signature': sign('{}') }), options);
    expect(result).toMatchObject({ ok: true, request: { trigger: 'http', dryRun: false } });
  });

  it.each([
    ['missing', {}, 'missing X-Scf-Backup-Signature'],
    ['wrong', { 'x-scf-backup-signature': sign(good, nowSec, 'not-the-secret') }, 'does not match'],
    ['stale', { 'x-scf-backup-signature': sign(good, nowSec - 301) }, 'outside the allowed window'],
    ['future', { 'x-scf-backup-signature': sign(good, nowSec + 301) }, 'outside the allowed window'],
    ['malformed', { 'x-scf-backup-signature': 'v1=abc' }, 'malformed'],
  ])('refuses a %s signature with 401', (_name, headers, message) => {
    const result = authenticateHttpRequest(request(good, headers), options);
    expect(result).toMatchObject({ ok: false, statusCode: 401 });
    expect(result.ok === false && result.error).toContain(message);
    expect(options.replayCache.size).toBe(0);
  });

  it('plans as of the signed timestamp, not the clock: a replay plans the same instant', () => {
    const signedAt = nowSec - 250;
    const signed = request(good, { 'x-scf-backup-signature': sign(good, signedAt) });
    for (const clock of [nowSec, nowSec + 40]) {
      const result = authenticateHttpRequest(signed, {
        ...options,
        nowSec: clock,
        replayCache: createReplayCache(),
      });
      expect(result).toMatchObject({ ok: true, request: { now: new Date(signedAt * 1000) } });
    }
  });

  it.each([
    ['{"dryRun":true,"dryRun":false}', 'dryRun'],
    ['{"policies":["a"],"dryRun":false,"policies":["b"]}', 'policies'],
    ['{"d\\u0072yRun":true,"dryRun":false}', 'dryRun'],
  ])('refuses a signed body with a key twice (%s) with 400', (body, key) => {
    const result = authenticateHttpRequest(request(body, { 'x-scf-backup-signature': sign(body) }), options);
    expect(result).toMatchObject({ ok: false, statusCode: 400, reason: 'bad-body' });
    expect(result.ok === false && result.error).toContain(`key "${key}" appears twice`);
  });

  it('takes the same key in different objects, and key-like strings in values, as distinct', () => {
    const body = '{"policies":["dryRun","dryRun,"],"dryRun":true}';
    const result = authenticateHttpRequest(request(body, { 'x-scf-backup-signature': sign(body) }), options);
    expect(result).toMatchObject({ ok: true, request: { dryRun: true, policies: ['dryRun', 'dryRun,'] } });
  });

  it('refuses a replayed signature with 409, within its window', () => {
    const signed = request(good, { 'x-scf-backup-signature': sign(good) });
    expect(authenticateHttpRequest(signed, options).ok).toBe(true);
    expect(authenticateHttpRequest(signed, { ...options, nowSec: nowSec + 200 })).toMatchObject({
      ok: false,
      statusCode: 409,
      reason: 'replay',
    });
  });

  it('refuses a body over 64 KiB with 413 before any hashing', () => {
    const big = JSON.stringify({ policies: ['x'.repeat(64 * 1024)] });
    const signed = request(big, { 'x-scf-backup-signature': sign(big) });
    vi.mocked(crypto.createHmac).mockClear();
    expect(authenticateHttpRequest(signed, options)).toMatchObject({ ok: false, statusCode: 413 });
    expect(crypto.createHmac).not.toHaveBeenCalled();
    expect(crypto.timingSafeEqual).not.toHaveBeenCalled();
    // 64 KiB exactly is still accepted.
    const edge = `{"policies":["${'x'.repeat(64 * 1024 - 17)}"]}`;
    expect(Buffer.byteLength(edge)).toBe(64 * 1024);
    expect(authenticateHttpRequest(request(edge, { 'x-scf-backup-signature': sign(edge) }), options).ok).toBe(
      true,
    );
  });

  it.each([
    ['not JSON', 'policies=nightly', 'not JSON'],
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'not JSON'],
    ['empty', '', 'not JSON'],
    ['an unknown key', '{"policies":["a"],"force":true}', 'unknown key "force"'],
    ['a wrong type', '{"dryRun":"yes"}', 'dryRun'],
    ['an array', '["a"]', 'expected object'],
  ])('refuses a signed body that is %s with 400', (_name, body, message) => {
    const result = authenticateHttpRequest(request(body, { 'x-scf-backup-signature': sign(body) }), options);
    expect(result).toMatchObject({ ok: false, statusCode: 400, reason: 'bad-body' });
    expect(result.ok === false && result.error).toContain(message);
  });

  it('refuses everything with 401 while no secret is configured', () => {
    for (const configured of [undefined, '']) {
      const result = authenticateHttpRequest(request(good, { 'x-scf-backup-signature': sign(good) }), {
        ...options,
        secret: configured,
      });
      expect(result).toMatchObject({ ok: false, statusCode: 401, reason: 'disabled' });
      expect(result.ok === false && result.error).toContain('SCF_BACKUP_WEBHOOK_SECRET');
    }
  });

  it('refuses methods other than POST with 405', () => {
    const result = authenticateHttpRequest(
      request(good, { 'x-scf-backup-signature': sign(good) }, 'GET'),
      options,
    );
    expect(result).toMatchObject({ ok: false, statusCode: 405 });
    expect(
      toRefusalResponse(result as { statusCode: number; reason: string; error: string }).headers.Allow,
    ).toBe('POST');
  });

  it('compares digests in constant time, on two 32-byte buffers', () => {
    authenticateHttpRequest(
      request(good, { 'x-scf-backup-signature': sign(good, nowSec, 'wrong') }),
      options,
    );
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = vi.mocked(crypto.timingSafeEqual).mock.calls[0] as [Buffer, Buffer];
    expect([a.length, b.length]).toEqual([32, 32]);
  });
});

describe('toHttpResponse', () => {
  it('builds an integration response with a JSON string body', () => {
    expect(toHttpResponse(200, { status: 'succeeded' })).toEqual({
      isBase64Encoded: false,
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"status":"succeeded"}',
    });
  });
});

describe('createReplayCache', () => {
  it('forgets a signature once its window has passed, and stays within its bound', () => {
    const cache = createReplayCache({ maxEntries: 2 });
    expect(cache.claim('a', 100, 0)).toBe(true);
    expect(cache.claim('a', 100, 50)).toBe(false);
    expect(cache.claim('a', 200, 101)).toBe(true);
    cache.claim('b', 300, 101);
    cache.claim('c', 300, 101);
    expect(cache.size).toBe(2);
    expect(cache.claim('c', 300, 102)).toBe(false);
  });
});
