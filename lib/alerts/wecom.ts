/**
 * WeCom (企业微信) group robot (WeCom's group robot documentation). No request signing: the `key`
 * in the URL is the only secret. Markdown content is limited to 4096 bytes (text to 2048), and
 * a robot takes 20 messages a minute. Failure comes back as HTTP 200 with a non-zero `errcode`.
 */
import { jsonPost, robotAnswer } from './answer';
import type { ChannelAdapter } from './types';

/**
 * 45009 is the commonly cited "too frequent" code and -1 is "system busy"; neither is in an
 * official table the reference could confirm, and both are worth a retry.
 */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([45009, -1]);

export const wecomChannel: ChannelAdapter<'wecom'> = {
  type: 'wecom',
  flavor: 'markdown',
  // Markdown rather than text: twice the room (4096 vs 2048 bytes of content).
  limits: { maxSize: 4096, unit: 'bytes', minIntervalMs: 60_000 / 20 },
  buildRequest(channel, alert) {
    return jsonPost(channel.url, { msgtype: 'markdown', markdown: { content: alert.text } });
  },
  interpret(response) {
    return robotAnswer(response, ['errcode'], ['errmsg'], RETRYABLE_CODES);
  },
};
