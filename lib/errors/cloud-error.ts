/**
 * Errors from the clouds, and how each is treated. The classification is data, in one place:
 * the retry loop, the engine and the alerts all read `errorClass`, never a code list of their own.
 * Neutral: the HTTP layer and the engine import this, never a cloud client.
 */
import { errorCodeClasses } from '../targets/error-codes';

export const ERROR_CLASSES = ['throttled', 'transient', 'busy', 'auth', 'notFound', 'permanent'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/**
 * The codes of no one kind, exact or as prefixes (`InternalError` covers `InternalError.DbError`).
 * Each kind's own codes (busy, not found, quota…) are declared in its descriptor
 * (lib/targets/<kind>.ts, `errors`) and joined to these in lib/targets/error-codes.ts.
 */
export const GENERIC_CODE_CLASSES: ReadonlyArray<readonly [pattern: string, errorClass: ErrorClass]> = [
  // Throttling: Tencent answers in an HTTP 200 body; Huawei's gateway with 429.
  ['RequestLimitExceeded', 'throttled'],
  ['APIGW.0308', 'throttled'],
  ['APIG.0308', 'throttled'],
  // Transient: the same request may succeed a moment later.
  ['InternalError', 'transient'],
  ['ServiceUnavailable', 'transient'],
  ['ResourceBusy', 'transient'],
  // Authentication and permission: retrying cannot help, and every later call fails the same way.
  ['AuthFailure', 'auth'],
  ['UnauthorizedOperation', 'auth'],
  ['OperationDenied.UserHasNoStrategy', 'auth'],
  ['APIGW.0301', 'auth'],
  ['APIG.0301', 'auth'],
  ['APIGW.0302', 'auth'],
  ['APIGW.0303', 'auth'],
  ['APIGW.0305', 'auth'],
  ['APIGW.0306', 'auth'],
  ['MissingCredentials', 'auth'],
  // Not found: Tencent's common code.
  ['ResourceNotFound', 'notFound'],
];

/** Transport failures (no answer from the cloud) that are worth another try. */
export const TRANSIENT_TRANSPORT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  // A route that flaps (VPC NAT, DNS) comes back; a bad certificate does not, so it is not here.
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ESOCKETTIMEDOUT',
  'RequestTimeout',
  'ConnectTimeout',
  'BadResponse',
]);

export function classifyCode(code: string, httpStatus?: number): ErrorClass {
  for (const [pattern, errorClass] of errorCodeClasses()) {
    if (code === pattern || code.startsWith(`${pattern}.`)) return errorClass;
  }
  if (TRANSIENT_TRANSPORT_CODES.has(code)) return 'transient';
  if (httpStatus === 429) return 'throttled';
  if (httpStatus !== undefined && httpStatus >= 500) return 'transient';
  if (httpStatus === 401) return 'auth';
  return 'permanent';
}

export type Cloud = 'tencent' | 'huawei';

export interface CloudErrorDetails {
  cloud: Cloud;
  /** `<service>.<Action>`, e.g. `cbs.CreateDiskBackup`. */
  api: string;
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  cause?: unknown;
}

export class CloudError extends Error {
  readonly cloud: Cloud;
  readonly api: string;
  readonly code: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  readonly errorClass: ErrorClass;

  constructor(details: CloudErrorDetails) {
    super(`${details.api}: ${details.code}: ${details.message}`, { cause: details.cause });
    this.name = 'CloudError';
    this.cloud = details.cloud;
    this.api = details.api;
    this.code = details.code;
    this.requestId = details.requestId;
    this.httpStatus = details.httpStatus;
    this.errorClass = classifyCode(details.code, details.httpStatus);
  }

  /** The cloud's own message, without our prefix: what goes into a report. */
  get cloudMessage(): string {
    return this.message.slice(this.api.length + this.code.length + 4);
  }

  get retryable(): boolean {
    return this.errorClass === 'throttled' || this.errorClass === 'transient';
  }
}

/** The caller withdrew the call (CallOptions.signal) before it was sent: nothing happened. */
export class CallAbortedError extends Error {
  constructor(readonly api: string) {
    super(`${api}: not sent: the run stopped this policy`);
    this.name = 'CallAbortedError';
  }
}

/**
 * Required credentials are missing from the environment: names every missing variable at once
 * (so one try is enough to fix them all), never a value, and calls nothing.
 */
export class MissingCredentialsError extends Error {
  /** The first missing variable; `variables` has them all. */
  readonly variable: string;
  readonly variables: readonly string[];
  constructor(variables: string | readonly string[], detail = '') {
    const all = typeof variables === 'string' ? [variables] : variables;
    const names = all.join(', ');
    super(
      all.length === 1
        ? `missing credentials: environment variable ${names} is not set${detail}`
        : `missing credentials: environment variables ${names} are not set${detail}`,
    );
    this.name = 'MissingCredentialsError';
    this.variable = all[0] ?? '';
    this.variables = all;
  }
}
