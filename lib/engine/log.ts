/**
 * JSON-line logs: one object a line with the run id, the trigger and the clouds' request ids, so a
 * single line is enough to find a call in the cloud's own records. Secrets are redacted before a
 * line is written: the values of every secret-carrying variable known to the process.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  write?: (line: string) => void;
  fields?: Record<string, unknown>;
  /** Literal values that must never be written (keys, tokens, webhook URLs). */
  secrets?: string[];
  clock?: () => number;
}

export function redact(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    // Lines are JSON: a secret with a quote or backslash appears there escaped.
    const escaped = JSON.stringify(secret).slice(1, -1);
    result = result.split(secret).join('[REDACTED]');
    if (escaped !== secret) result = result.split(escaped).join('[REDACTED]');
  }
  return result;
}

/** The secret-carrying variables a process may hold: never written to a log. */
export const SECRET_VARIABLES = [
  'TENCENTCLOUD_SECRETKEY',
  'TENCENTCLOUD_SESSIONTOKEN',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'SCF_BACKUP_WEBHOOK_SECRET',
  'BACKUP_WEBHOOK_SECRET',
] as const;

export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return SECRET_VARIABLES.map((name) => env[name]?.trim()).filter((v): v is string =>
    Boolean(v && v.length >= 4),
  );
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const clock = options.clock ?? Date.now;
  const emit = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({
      time: new Date(clock()).toISOString(),
      level,
      message,
      ...options.fields,
      ...fields,
    });
    write(redact(line, secrets));
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger({ ...options, fields: { ...options.fields, ...fields } }),
  };
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
