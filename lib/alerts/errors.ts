/**
 * Alert errors. Their messages are built from already-redacted text, and `cause` never holds a
 * raw transport error: Node prints `cause` with the stack, and a transport error's message can
 * carry a hook path (the Feishu and Slack tokens live there).
 */
import type { AlertChannelType, AlertDeliveryResult } from './types';

export class AlertError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AlertError';
  }
}

/** One channel's delivery failed after its attempts. Redacted. */
export class AlertChannelError extends AlertError {
  readonly channel: string;
  readonly channelType: AlertChannelType | 'unknown';
  readonly attempts: number;

  constructor(result: AlertDeliveryResult) {
    super(
      `alert channel "${result.channel}" (${result.type}) failed after ${result.attempts} attempt(s): ${result.error ?? 'unknown error'}`,
    );
    this.name = 'AlertChannelError';
    this.channel = result.channel;
    this.channelType = result.type;
    this.attempts = result.attempts;
  }
}

/**
 * Something failed and no channel could be told. Thrown so the invocation fails and SCF records
 * it (and retries a timer run, whose idempotent slots make that safe).
 */
export class AlertDeliveryError extends AlertError {
  readonly results: AlertDeliveryResult[];

  constructor(results: AlertDeliveryResult[]) {
    const channelErrors = results.map((result) => new AlertChannelError(result));
    super(
      `no alert channel could be reached (${results.length} tried): ` +
        channelErrors.map((error) => error.message).join('; '),
      { cause: new AggregateError(channelErrors, 'every alert channel failed') },
    );
    this.name = 'AlertDeliveryError';
    this.results = results;
  }
}
