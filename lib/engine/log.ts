/**
 * JSON-line logs: one object a line with the run id, the trigger and the clouds' request ids, so a
 * single line is enough to find a call in the cloud's own records. Secrets are redacted before a
 * line is written, by the one redactor (lib/alerts/redact.ts).
 */
import { createRedactor, type Redactor } from '../alerts/redact';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  write?: (line: string) => void;
  fields?: Record<string, unknown>;
  /** Literal values that must never be written (keys, tokens, webhook URLs)… */
  secrets?: string[];
  /** …or the redactor that knows them, shared with whoever else writes (it may learn more later). */
  redactor?: Redactor;
  clock?: () => number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const redact = options.redactor ?? createRedactor(options.secrets);
  const clock = options.clock ?? Date.now;
  const emit = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({
      time: new Date(clock()).toISOString(),
      level,
      message,
      ...options.fields,
      ...fields,
    });
    write(redact(line));
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) =>
      createLogger({ ...options, redactor: redact, fields: { ...options.fields, ...fields } }),
  };
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
