/**
 * Generic JSON webhook: POSTs the alert summary (the run and its failures, as JSON) and, when
 * the channel has a secret, signs it exactly like our own HTTP trigger
 * (`X-Scf-Backup-Signature: t=…,v1=…`), so a receiver can reuse the same verification.
 * Success is any 2xx. The body is capped at 64 KiB, the size our own trigger accepts, by
 * dropping failures from the end and saying how many were left out.
 */
import { WEBHOOK_SIGNATURE_HEADER, signWebhook } from '../signing/webhook';
import { jsonPost, statusAnswer } from './answer';
import type { AlertSummary } from './summary';
import type { ChannelAdapter } from './types';

export const MAX_WEBHOOK_ALERT_BYTES = 64 * 1024;

/** Headers a user may not set: they would break the body's framing or forge our signature. */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  WEBHOOK_SIGNATURE_HEADER.toLowerCase(),
]);

interface WebhookPayload extends AlertSummary {
  source: 'scf-backup';
  text: string;
  omittedFailures: number;
}

/** The summary with at most `keep` failures, in report order. */
function withFailures(summary: AlertSummary, keep: number): AlertSummary {
  let left = keep;
  return {
    ...summary,
    policies: summary.policies.map((policy) => {
      const failures = policy.failures.slice(0, Math.max(0, left));
      left -= failures.length;
      return { ...policy, failures };
    }),
  };
}

/** The largest payload within the cap: a binary search over how many failures to keep. */
export function webhookPayload(summary: AlertSummary, text: string): WebhookPayload {
  const total = summary.policies.reduce((sum, p) => sum + p.failures.length, 0);
  const build = (keep: number): WebhookPayload => ({
    source: 'scf-backup',
    ...withFailures(summary, keep),
    text,
    omittedFailures: total - Math.min(keep, total),
  });
  const size = (payload: WebhookPayload) => Buffer.byteLength(JSON.stringify(payload), 'utf8');
  if (size(build(total)) <= MAX_WEBHOOK_ALERT_BYTES) return build(total);
  let low = 0;
  let high = total;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (size(build(mid)) <= MAX_WEBHOOK_ALERT_BYTES) low = mid;
    else high = mid - 1;
  }
  return build(low);
}

export const webhookChannel: ChannelAdapter<'webhook'> = {
  type: 'webhook',
  flavor: 'plain',
  // No receiver-imposed rate: nothing to pace. The text is a convenience copy of the alert.
  limits: { maxSize: 8192, unit: 'bytes', minIntervalMs: 0 },
  buildRequest(channel, alert, { nowMs, summary }) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(channel.headers ?? {})) {
      if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
    const request = jsonPost(channel.url, webhookPayload(summary, alert.text), headers);
    if (channel.secret) {
      const body = request.body as Buffer;
      request.headers = {
        ...request.headers,
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(channel.secret, body, Math.floor(nowMs / 1000)),
      };
    }
    return request;
  },
  interpret(response) {
    return statusAnswer(response) ?? { ok: true };
  },
};
