import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature, webhookSignedPayload } from '../../lib/signing/webhook';

const secret = 'whsec-test-0123456789';
const body = '{"policies":["nightly-disks"],"dryRun":true}';
const t = 1_795_543_200; // 2026-11-24T18:00:00Z

/** The contract's definition, computed independently of the module under test. */
const expectedDigest = (ts: number, raw: string | Buffer) =>
  createHmac('sha256', secret).update(`${ts}.`).update(raw).digest('hex');

describe('signWebhook', () => {
  it('produces t=<seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>', () => {
    expect(signWebhook(secret, body, t)).toBe(`t=${t},v1=${expectedDigest(t, body)}`);
  });

  it('signs the raw bytes, not a re-encoding of them', () => {
    const raw = Buffer.from([0x7b, 0x7d, 0xff, 0x00]); // not UTF-8: must still round-trip
    expect(signWebhook(secret, raw, t)).toBe(`t=${t},v1=${expectedDigest(t, raw)}`);
    expect(webhookSignedPayload(t, raw)).toEqual(Buffer.concat([Buffer.from(`${t}.`), raw]));
  });

  it('refuses a timestamp that is not whole seconds', () => {
    expect(() => signWebhook(secret, body, 1.5)).toThrow(RangeError);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook(secret, body, t);

  it('accepts a good signature within the window, returning the digest for the replay cache', () => {
    expect(verifyWebhookSignature(header, body, secret, t + 299)).toEqual({
      ok: true,
      timestampSec: t,
      digest: expectedDigest(t, body),
    });
  });

  it.each([
    ['missing', undefined],
    ['missing', '  '],
    ['malformed', 'v1=abc'],
    ['malformed', `t=${t}`],
    ['malformed', `t=${t},v1=${'a'.repeat(63)}`],
    ['malformed', `t=${t},v1=${'g'.repeat(64)}`],
    ['malformed', `t=${t},t=${t},v1=${expectedDigest(t, body)}`],
    ['malformed', `t=-5,v1=${expectedDigest(t, body)}`],
    ['malformed', 'sha256=deadbeef'],
    ['mismatch', `t=${t},v1=${'0'.repeat(64)}`],
    ['mismatch', `t=${t + 1},v1=${expectedDigest(t, body)}`],
  ])('says %s for %j', (reason, value) => {
    expect(verifyWebhookSignature(value, body, secret, t)).toEqual({ ok: false, reason });
  });

  it('says mismatch for another secret or another body', () => {
    expect(verifyWebhookSignature(header, body, 'other-secret', t)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature(header, `${body} `, secret, t)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('says stale more than 300 s either side, and honours a custom tolerance', () => {
    expect(verifyWebhookSignature(header, body, secret, t + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature(header, body, secret, t - 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature(header, body, secret, t - 300).ok).toBe(true);
    expect(verifyWebhookSignature(header, body, secret, t + 30, 10)).toEqual({ ok: false, reason: 'stale' });
  });

  it('accepts upper-case hex, spaces after commas, and a second v1 (secret rotation)', () => {
    const digest = expectedDigest(t, body);
    expect(verifyWebhookSignature(`t=${t}, v1=${digest.toUpperCase()}`, body, secret, t).ok).toBe(true);
    expect(verifyWebhookSignature(`t=${t},v1=${'1'.repeat(64)},v1=${digest}`, body, secret, t).ok).toBe(true);
  });

  it('ignores unknown keys so a future scheme can be sent alongside', () => {
    expect(verifyWebhookSignature(`${header},v2=whatever`, body, secret, t).ok).toBe(true);
  });
});
