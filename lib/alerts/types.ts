/**
 * Alert channels and what each channel module provides. `AlertChannel` is the policy file's own
 * type (lib/policy/schema.ts, derived from its zod schema), after `${env:…}` interpolation.
 */
import type { AlertChannel } from '../policy/schema';
import type { Logger } from '../engine/log';
import type { HttpRequest, HttpResponse } from '../http/types';
import type { AlertSummary } from './summary';

export type { AlertChannel };
export type AlertChannelType = AlertChannel['type'];
export type ChannelOf<T extends AlertChannelType> = Extract<AlertChannel, { type: T }>;

/** How a channel's size limit is counted (never cut mid-character in any of them). */
export type SizeUnit =
  /** UTF-8 bytes of the message text. */
  | 'bytes'
  /** Unicode code points of the message text. */
  | 'chars'
  /** UTF-8 bytes of the text once JSON-escaped: for limits on the whole request body. */
  | 'json-bytes';

export type TextFlavor = 'markdown' | 'plain' | 'slack';

export interface ChannelLimits {
  /** Budget of the message text, in `unit`. */
  maxSize: number;
  unit: SizeUnit;
  /** Minimum spacing between two requests to one robot: its per-second and per-minute limits. */
  minIntervalMs: number;
}

/** A channel's verdict on an answer; these channels say "failed" inside an HTTP 200. */
export type ChannelAnswer =
  { ok: true } | { ok: false; retryable: boolean; code: string; detail: string; retryAfterMs?: number };

/** The rendered alert handed to a channel: a title and a body already within its limit. */
export interface AlertText {
  title: string;
  text: string;
}

export interface ChannelContext {
  nowMs: number;
  /** The failures being alerted, for channels that post structured JSON. */
  summary: AlertSummary;
}

export interface ChannelAdapter<T extends AlertChannelType = AlertChannelType> {
  readonly type: T;
  readonly flavor: TextFlavor;
  readonly limits: ChannelLimits;
  /** Signs and builds the request; pure, so every retry is signed afresh with its own time. */
  buildRequest(channel: ChannelOf<T>, alert: AlertText, context: ChannelContext): HttpRequest;
  interpret(response: HttpResponse): ChannelAnswer;
}

export interface AlertDeliveryResult {
  /** The channel's name in the policy file. */
  channel: string;
  type: AlertChannelType | 'unknown';
  ok: boolean;
  attempts: number;
  /** Redacted: never a URL token or a signing secret. */
  error?: string;
}

/** What delivery writes with: the project's logger (lib/engine/log.ts), or any with these two levels. */
export type AlertLogger = Pick<Logger, 'info' | 'warn'>;
