/**
 * DingTalk custom robot (DingTalk's custom robot documentation). Signed ("加签"): the query carries
 * `timestamp` (ms, within 1 hour of DingTalk's clock) and `sign` = URL-encoded base64
 * HMAC-SHA256(key = secret, message = `${timestamp}\n${secret}`). 20 messages a minute per robot,
 * and going over silences the robot for 10 minutes, so the pacing is strict. A body over about
 * 20 000 bytes is refused (460101). Failure comes back as HTTP 200 with a non-zero `errcode`.
 */
import { hmacSha256 } from '../signing/hash';
import { jsonPost, robotAnswer } from './answer';
import type { ChannelAdapter } from './types';

/** 130101 "sending too fast" and -1 "system busy" (commonly cited, unconfirmed). */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([130101, -1]);

/** Room left in the ~20 000-byte body for the envelope and the title. */
const MAX_TEXT_JSON_BYTES = 19_000;

/** The base64 signature (before URL-encoding). Pure, so tests can check it on its own. */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return hmacSha256(secret, `${timestampMs}\n${secret}`).toString('base64');
}

/** The webhook URL with `timestamp` and `sign` appended, as DingTalk verifies them. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sign = encodeURIComponent(dingtalkSignature(secret, timestampMs));
  // Appended rather than rebuilt with URLSearchParams, which would re-encode the access_token.
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${sign}`;
}

export const dingtalkChannel: ChannelAdapter<'dingtalk'> = {
  type: 'dingtalk',
  flavor: 'markdown',
  limits: { maxSize: MAX_TEXT_JSON_BYTES, unit: 'json-bytes', minIntervalMs: 60_000 / 20 },
  buildRequest(channel, alert, { nowMs }) {
    const url = channel.secret
      ? dingtalkSignedUrl(channel.url, channel.secret, Math.floor(nowMs))
      : channel.url;
    return jsonPost(url, { msgtype: 'markdown', markdown: { title: alert.title, text: alert.text } });
  },
  interpret(response) {
    return robotAnswer(response, ['errcode'], ['errmsg'], RETRYABLE_CODES);
  },
};
