/**
 * Reading a channel's answer. The robots (WeCom, DingTalk, Feishu) say "failed" inside an
 * HTTP 200, so the status alone proves nothing; the status does decide what is transient.
 */
import type { HttpRequest, HttpResponse } from '../http/types';
import type { ChannelAnswer } from './types';

/** Longest piece of a channel's answer kept in an error: enough to diagnose, not a page. */
const MAX_DETAIL_CHARS = 200;

export function answerText(response: HttpResponse): string {
  const text = response.body.toString('utf8').replace(/\s+/g, ' ').trim();
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text;
}

/** `Retry-After` in seconds or as an HTTP date, in ms from `nowMs`. */
export function retryAfterMs(response: HttpResponse, nowMs: number = Date.now()): number | undefined {
  const raw = response.headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The verdict on a non-2xx status: 408, 429 and 5xx are worth another try, the rest are not. */
export function statusAnswer(response: HttpResponse): ChannelAnswer | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  const retryable = status === 408 || status === 429 || status >= 500;
  const answer: ChannelAnswer = {
    ok: false,
    retryable,
    code: `HTTP ${status}`,
    detail: answerText(response),
  };
  const after = retryAfterMs(response);
  if (after !== undefined) answer.retryAfterMs = after;
  return answer;
}

/** The answer body as a JSON object, or undefined when it is not one. */
export function jsonAnswer(response: HttpResponse): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(response.body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The robots' `{errcode|code, errmsg|msg}` answers: 0 is success, a code in `retryableCodes`
 * (their "too frequent" and "system busy") is transient, any other code is permanent.
 */
export function robotAnswer(
  response: HttpResponse,
  codeFields: readonly string[],
  messageFields: readonly string[],
  retryableCodes: ReadonlySet<number>,
): ChannelAnswer {
  const byStatus = statusAnswer(response);
  if (byStatus) return byStatus;
  const json = jsonAnswer(response);
  const code = codeFields.map((field) => json?.[field]).find((value) => typeof value === 'number');
  if (typeof code !== 'number') {
    return { ok: false, retryable: false, code: 'UnexpectedAnswer', detail: answerText(response) };
  }
  if (code === 0) return { ok: true };
  const message = messageFields.map((field) => json?.[field]).find((value) => typeof value === 'string');
  const detail = typeof message === 'string' ? message.slice(0, MAX_DETAIL_CHARS) : answerText(response);
  return { ok: false, retryable: retryableCodes.has(code), code: String(code), detail };
}

/** A JSON POST: the bytes built here are the bytes sent (and, for signed bodies, signed). */
export function jsonPost(url: string, payload: unknown, headers: Record<string, string> = {}): HttpRequest {
  return {
    method: 'POST',
    url,
    headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(payload), 'utf8'),
  };
}
