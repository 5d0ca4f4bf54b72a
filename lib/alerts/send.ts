/**
 * One channel, one message, a bounded number of attempts. Each attempt waits for the channel's
 * pacing slot, is signed afresh (DingTalk and Feishu refuse stale timestamps), and its answer is
 * judged by the channel; transient failures (5xx, 429, transport errors, "too frequent" codes)
 * back off with full jitter, honouring Retry-After.
 */
import type {
  AlertChannelType,
  AlertDeliveryResult,
  AlertLogger,
  ChannelAdapter,
  ChannelAnswer,
  ChannelOf,
} from './types';
import type { RunReport } from '../engine/types';
import { TRANSIENT_TRANSPORT_CODES } from '../errors/cloud-error';
import type { HttpTransport } from '../http/types';
import { isTransportError } from '../http/errors';
import { renderAlert } from './format';
import type { ChannelPacer } from './pacing';
import { redactDeep, redactUrl } from './redact';
import { summarizeAlert } from './summary';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt; a hung receiver must not eat the function's time limit. */
  timeoutMs: number;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 10_000,
  timeoutMs: 10_000,
  random: Math.random,
};

/** Longest honoured Retry-After: beyond it the run would rather report the channel failed. */
const MAX_RETRY_AFTER_MS = 30_000;

export interface SendOptions<T extends AlertChannelType> {
  name: string;
  channel: ChannelOf<T>;
  adapter: ChannelAdapter<T>;
  report: RunReport;
  policyNames: string[];
  transport: HttpTransport;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  pacer: ChannelPacer;
  logger: AlertLogger;
  redact: (text: string) => string;
  retry?: Partial<RetryPolicy>;
}

/** What a thrown transport failure means: a socket-level hiccup is transient, the rest is not. */
function thrownAnswer(error: unknown): ChannelAnswer {
  if (isTransportError(error)) {
    return {
      ok: false,
      retryable: TRANSIENT_TRANSPORT_CODES.has(error.code),
      code: error.code,
      detail: error.message,
    };
  }
  const code = (error as { code?: unknown })?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, retryable: false, code: typeof code === 'string' ? code : 'Error', detail };
}

export async function sendWithRetry<T extends AlertChannelType>(
  options: SendOptions<T>,
): Promise<AlertDeliveryResult> {
  const { name, channel, adapter, report, clock, sleep, logger, redact } = options;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const found = summarizeAlert(report, options.policyNames);
  if (!found) return { channel: name, type: channel.type, ok: true, attempts: 0 };
  // A report quoting a secret (a cloud echoing a URL…) must not carry it into a chat.
  const summary = redactDeep(found, redact);
  const alert = renderAlert(summary, {
    flavor: adapter.flavor,
    maxSize: adapter.limits.maxSize,
    unit: adapter.limits.unit,
  });

  let last: ChannelAnswer = { ok: false, retryable: false, code: 'NotSent', detail: 'no attempt made' };
  let attempt = 0;
  while (attempt < retry.maxAttempts) {
    attempt += 1;
    await options.pacer.wait(channel.url, adapter.limits.minIntervalMs);
    const request = adapter.buildRequest(channel, alert, { nowMs: clock(), summary });
    try {
      const response = await options.transport({
        ...request,
        timeoutMs: retry.timeoutMs,
        maxResponseBytes: 64 * 1024,
      });
      last = adapter.interpret(response);
    } catch (error) {
      last = thrownAnswer(error);
    }
    if (last.ok) return { channel: name, type: channel.type, ok: true, attempts: attempt };

    const willRetry = last.retryable && attempt < retry.maxAttempts;
    logger.warn('alert attempt failed', {
      runId: report.runId,
      channel: name,
      type: channel.type,
      target: redactUrl(channel.url),
      attempt,
      code: redact(last.code),
      detail: redact(last.detail),
      willRetry,
    });
    if (!willRetry) break;
    const backoffMs = retry.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    await sleep(Math.max(backoffMs, Math.min(last.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS)));
  }
  return {
    channel: name,
    type: channel.type,
    ok: false,
    attempts: attempt,
    error: redact(`${last.code}: ${last.detail}`),
  };
}
