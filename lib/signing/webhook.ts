/**
 * The signature of our HTTP trigger (docs/triggers-and-alerts.md "HTTP (Function URL)"), also used by the generic
 * alert webhook so a receiver can verify us the same way:
 *   X-Scf-Backup-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * Pure: the clock is passed in, nothing is read or sent here.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmacSha256Hex } from './hash';

export const WEBHOOK_SIGNATURE_HEADER = 'X-Scf-Backup-Signature';
export const WEBHOOK_TOLERANCE_SEC = 300;

export const WEBHOOK_FAILURE_REASONS = ['missing', 'malformed', 'mismatch', 'stale'] as const;
export type WebhookFailureReason = (typeof WEBHOOK_FAILURE_REASONS)[number];

export type WebhookVerification =
  | {
      ok: true;
      timestampSec: number;
      /** The v1 digest that matched: the replay-cache key. */ digest: string;
    }
  | { ok: false; reason: WebhookFailureReason };

const HEX_DIGEST = /^[0-9a-f]{64}$/;
// Seconds since 1970 fit in 10 digits until 2286; more digits is not a timestamp we accept.
const TIMESTAMP = /^[0-9]{1,10}$/;

/** The exact bytes that are signed: `<t>.` followed by the raw body, byte for byte. */
export function webhookSignedPayload(timestampSec: number, rawBody: Buffer | string): Buffer {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return Buffer.concat([Buffer.from(`${timestampSec}.`, 'utf8'), body]);
}

/** The header value for `rawBody` signed at `timestampSec`. */
export function signWebhook(secret: string, rawBody: Buffer | string, timestampSec: number): string {
  if (!Number.isSafeInteger(timestampSec) || timestampSec < 0) {
    throw new RangeError(`webhook timestamp must be whole unix seconds, got ${timestampSec}`);
  }
  return `t=${timestampSec},v1=${hmacSha256Hex(secret, webhookSignedPayload(timestampSec, rawBody))}`;
}

interface ParsedHeader {
  timestampSec: number;
  digests: string[];
}

/** `t=…,v1=…[,v1=…]`; unknown keys are ignored so a future `v2` can be sent beside `v1`. */
function parseHeader(header: string): ParsedHeader | undefined {
  let timestamp: string | undefined;
  const digests: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      // Two timestamps would make "which one was signed" ambiguous.
      if (timestamp !== undefined || !TIMESTAMP.test(value)) return undefined;
      timestamp = value;
    } else if (key === 'v1') {
      const digest = value.toLowerCase();
      if (!HEX_DIGEST.test(digest)) return undefined;
      digests.push(digest);
    }
  }
  if (timestamp === undefined || digests.length === 0 || digests.length > 4) return undefined;
  return { timestampSec: Number(timestamp), digests };
}

/**
 * Checks a header against the raw body. The digest comparison is constant-time on two 32-byte
 * buffers (the format check above guarantees equal lengths), so the time taken says nothing
 * about how much of a forged digest was right. The signature is checked before the age so that
 * `stale` is only ever said of a genuine signature.
 */
export function verifyWebhookSignature(
  header: string | undefined,
  rawBody: Buffer | string,
  secret: string,
  nowSec: number,
  toleranceSec: number = WEBHOOK_TOLERANCE_SEC,
): WebhookVerification {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };

  const expected = Buffer.from(
    hmacSha256Hex(secret, webhookSignedPayload(parsed.timestampSec, rawBody)),
    'hex',
  );
  let matched: string | undefined;
  for (const digest of parsed.digests) {
    // No early exit: every candidate is compared, whichever one matches.
    if (timingSafeEqual(expected, Buffer.from(digest, 'hex')) && matched === undefined) matched = digest;
  }
  if (matched === undefined) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowSec - parsed.timestampSec) > toleranceSec) return { ok: false, reason: 'stale' };
  return { ok: true, timestampSec: parsed.timestampSec, digest: matched };
}
