/**
 * Feishu / Lark custom bot (Feishu's custom bot documentation). Signed with a scheme unlike
 * DingTalk's: `timestamp` in SECONDS (within 1 hour), and `sign` = base64 HMAC-SHA256 whose KEY
 * is `${timestamp}\n${secret}` over an EMPTY message, both in the JSON body, not URL-encoded.
 * Commonly documented limits: 100 requests a minute and 5 a second per bot, a body of at most
 * 20 KB. Success is `code: 0` (older answers: `StatusCode: 0`), inside an HTTP 200 either way.
 */
import { hmacSha256 } from '../signing/hash';
import { jsonPost, robotAnswer } from './answer';
import type { ChannelAdapter } from './types';

/** 11232 is the frequency-limit code (third-party, seen on the app messaging API). */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([11232]);

/** Room left in the 20 KB body for the envelope and signature. */
const MAX_TEXT_JSON_BYTES = 19_000;

/** The base64 signature. Pure, so tests can check it on its own. */
export function feishuSignature(secret: string, timestampSec: number): string {
  return hmacSha256(`${timestampSec}\n${secret}`, '').toString('base64');
}

export const feishuChannel: ChannelAdapter<'feishu'> = {
  type: 'feishu',
  flavor: 'plain',
  // The stricter of 100/min (600 ms apart) and 5/s (200 ms apart).
  limits: {
    maxSize: MAX_TEXT_JSON_BYTES,
    unit: 'json-bytes',
    minIntervalMs: Math.max(60_000 / 100, 1000 / 5),
  },
  buildRequest(channel, alert, { nowMs }) {
    const message = { msg_type: 'text', content: { text: alert.text } };
    if (!channel.secret) return jsonPost(channel.url, message);
    const timestampSec = Math.floor(nowMs / 1000);
    return jsonPost(channel.url, {
      timestamp: String(timestampSec),
      sign: feishuSignature(channel.secret, timestampSec),
      ...message,
    });
  },
  interpret(response) {
    return robotAnswer(response, ['code', 'StatusCode'], ['msg', 'StatusMessage'], RETRYABLE_CODES);
  },
};
