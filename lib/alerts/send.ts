/**
 * One channel, one message, a bounded number of attempts. Each attempt waits for the channel's
 * pacing slot, is signed afresh (DingTalk and Feishu refuse stale timestamps), and its answer is
 * judged by the channel; transient failures (5xx, 429, transport errors, "too frequent" codes)
 * back off with full jitter, honouring Retry-After, through the project's one retry loop
 * (lib/throttle/retry.ts).
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
import { withRetry } from '../throttle/retry';

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

/** A channel's answer that is not a success, thrown so the shared retry loop judges it. */
type Refusal = Extract<ChannelAnswer, { ok: false }>;

class RefusedAttempt extends Error {
  constructor(readonly answer: Refusal) {
    super(`${answer.code}: ${answer.detail}`);
    this.name = 'RefusedAttempt';
  }
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

  let attempts = 0;
  let last: Refusal = { ok: false, retryable: false, code: 'NotSent', detail: 'no attempt made' };
  try {
    await withRetry(
      async (attempt) => {
        attempts = attempt;
        await options.pacer.wait(channel.url, adapter.limits.minIntervalMs);
        const request = adapter.buildRequest(channel, alert, { nowMs: clock(), summary });
        let answer: ChannelAnswer;
        try {
          const response = await options.transport({
            ...request,
            timeoutMs: retry.timeoutMs,
            maxResponseBytes: 64 * 1024,
          });
          answer = adapter.interpret(response);
        } catch (error) {
          answer = thrownAnswer(error);
        }
        if (!answer.ok) throw new RefusedAttempt(answer);
      },
      {
        policy: {
          maxAttempts: retry.maxAttempts,
          baseMs: retry.baseDelayMs,
          capMs: retry.maxDelayMs,
          maxElapsedMs: Number.POSITIVE_INFINITY,
        },
        deps: { clock, sleep, random: retry.random },
        retryable: (error) => error instanceof RefusedAttempt && error.answer.retryable,
        minDelayMs: (error) =>
          error instanceof RefusedAttempt ? Math.min(error.answer.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS) : 0,
        onFailure: ({ attempt, error, willRetry }) => {
          if (!(error instanceof RefusedAttempt)) return;
          logger.warn('alert attempt failed', {
            runId: report.runId,
            channel: name,
            type: channel.type,
            target: redactUrl(channel.url),
            attempt,
            code: redact(error.answer.code),
            detail: redact(error.answer.detail),
            willRetry,
          });
        },
      },
    );
    return { channel: name, type: channel.type, ok: true, attempts };
  } catch (error) {
    if (!(error instanceof RefusedAttempt)) throw error;
    last = error.answer;
  }
  return {
    channel: name,
    type: channel.type,
    ok: false,
    attempts,
    error: redact(`${last.code}: ${last.detail}`),
  };
}
