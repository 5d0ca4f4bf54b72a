/**
 * Errors thrown by the middleware. Each names the middleware that threw it in `cause` (middy's
 * habit), so one log line says where an event was refused and why.
 */
export const MIDDLEWARE_NAMES = ['normalize-event', 'webhook-auth'] as const;
export type MiddlewareName = (typeof MIDDLEWARE_NAMES)[number];

export interface MiddlewareErrorCause {
  middleware: MiddlewareName;
  /** Details for the log: validation issues, the offending key… Never a secret or a body. */
  data?: unknown;
  /** The underlying error, when there was one. */
  error?: unknown;
}

export class MiddlewareError extends Error {
  declare readonly cause: MiddlewareErrorCause;

  constructor(message: string, cause: MiddlewareErrorCause) {
    super(message, { cause });
    this.name = 'MiddlewareError';
  }
}

/** The event matches none of the shapes a function accepts. Retrying cannot help. */
export class UnrecognizedEventError extends MiddlewareError {
  constructor(message: string, data?: unknown) {
    super(message, { middleware: 'normalize-event', data });
    this.name = 'UnrecognizedEventError';
  }
}

/** The event has a known shape but invalid content (a bad `Time`, an unknown key…). */
export class InvalidEventError extends MiddlewareError {
  constructor(message: string, data?: unknown, error?: unknown) {
    super(message, { middleware: 'normalize-event', data, error });
    this.name = 'InvalidEventError';
  }
}

/** Renders zod issues as `path: message` so an error names exactly what is wrong. */
export function describeIssues(
  issues: ReadonlyArray<{
    path: ReadonlyArray<PropertyKey>;
    message: string;
    code?: string;
    keys?: string[];
  }>,
): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const message =
        issue.code === 'unrecognized_keys' && issue.keys
          ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}
