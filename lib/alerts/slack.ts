/**
 * Slack incoming webhook (Slack's incoming webhook documentation). The URL path is the secret.
 * Success is HTTP 200 with the plain-text body `ok` (not JSON); throttling is HTTP 429 with
 * `Retry-After`; about one message a second per webhook.
 */
import { answerText, jsonPost, statusAnswer } from './answer';
import type { ChannelAdapter } from './types';

export const slackChannel: ChannelAdapter<'slack'> = {
  type: 'slack',
  flavor: 'slack',
  // Not in the reference: Slack's own docs advise at most 4000 characters of `text` (it cuts
  // messages off at 40 000); counted in characters, as Slack does.
  limits: { maxSize: 4000, unit: 'chars', minIntervalMs: 1000 },
  buildRequest(channel, alert) {
    return jsonPost(channel.url, { text: alert.text });
  },
  interpret(response) {
    const byStatus = statusAnswer(response);
    if (byStatus) return byStatus;
    if (response.body.toString('utf8').trim() === 'ok') return { ok: true };
    return { ok: false, retryable: false, code: 'UnexpectedAnswer', detail: answerText(response) };
  },
};
