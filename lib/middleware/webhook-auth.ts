/**
 * Authenticates an HTTP invocation as docs/triggers-and-alerts.md "HTTP (Function URL)" says, and turns it into a
 * RunRequest. The checks run cheapest-first and every refusal returns before anything else
 * happens: no secret → 401, not POST → 405, too large → 413 (before any hashing), bad or stale
 * signature → 401, replay → 409, body not the schema → 400. Only a request that passes all of
 * them yields a RunRequest, so no run can start for a refused one.
 */
import { TextDecoder } from 'node:util';
import type { RunRequest } from '../engine/types';
import {
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TOLERANCE_SEC,
  type WebhookFailureReason,
  verifyWebhookSignature,
} from '../signing/webhook';
import { describeIssues } from './errors';
import type { HttpInvocation } from './http-event';
import type { ReplayCache } from './replay-cache';
import { httpBodySchema, uniqueNames } from './schemas';

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export type WebhookRefusalReason =
  'disabled' | 'method' | 'too-large' | WebhookFailureReason | 'replay' | 'bad-body';

export type WebhookAuthResult =
  | { ok: true; request: RunRequest }
  | { ok: false; statusCode: 400 | 401 | 405 | 409 | 413; reason: WebhookRefusalReason; error: string };

export interface WebhookAuthOptions {
  /** BACKUP_WEBHOOK_SECRET (SCF) or SCF_BACKUP_WEBHOOK_SECRET; without it the HTTP way in refuses everything. */
  secret?: string;
  nowSec: number;
  /** The instant the run plans for; defaults to `nowSec`. */
  now?: Date;
  replayCache: ReplayCache;
  maxBodyBytes?: number;
  toleranceSec?: number;
}

const SIGNATURE_HEADER = WEBHOOK_SIGNATURE_HEADER.toLowerCase();

const SIGNATURE_ERRORS: Record<WebhookFailureReason, string> = {
  missing: `missing ${WEBHOOK_SIGNATURE_HEADER} header`,
  malformed: `malformed ${WEBHOOK_SIGNATURE_HEADER} header (expected t=<unix seconds>,v1=<hex HMAC-SHA256>)`,
  mismatch: 'signature does not match the body',
  stale: 'signature timestamp is outside the allowed window',
};

// fatal: a body that is not UTF-8 is not JSON, rather than JSON with U+FFFD in it.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseBody(rawBody: Buffer): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(rawBody)) };
  } catch {
    return { ok: false, error: 'body is not JSON (expected {"policies"?:[…],"dryRun"?:bool})' };
  }
}

const refuse = (
  statusCode: 400 | 401 | 405 | 409 | 413,
  reason: WebhookRefusalReason,
  error: string,
): WebhookAuthResult => ({ ok: false, statusCode, reason, error });

export function authenticateHttpRequest(
  http: HttpInvocation,
  options: WebhookAuthOptions,
): WebhookAuthResult {
  const { secret, nowSec, replayCache } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const toleranceSec = options.toleranceSec ?? WEBHOOK_TOLERANCE_SEC;

  if (!secret) {
    return refuse(
      401,
      'disabled',
      'the HTTP trigger is disabled until its secret is set (BACKUP_WEBHOOK_SECRET on SCF, or SCF_BACKUP_WEBHOOK_SECRET)',
    );
  }
  if (http.method !== 'POST') return refuse(405, 'method', `method ${http.method} not allowed; use POST`);
  if (http.rawBody.length > maxBodyBytes) {
    return refuse(413, 'too-large', `body of ${http.rawBody.length} bytes exceeds ${maxBodyBytes} bytes`);
  }

  const verified = verifyWebhookSignature(
    http.headers[SIGNATURE_HEADER],
    http.rawBody,
    secret,
    nowSec,
    toleranceSec,
  );
  if (!verified.ok) return refuse(401, verified.reason, SIGNATURE_ERRORS[verified.reason]);
  // Claimed before the body is parsed: a replay of a malformed body is still a replay.
  if (!replayCache.claim(verified.digest, verified.timestampSec + toleranceSec, nowSec)) {
    return refuse(409, 'replay', 'this signature was already used');
  }

  const body = parseBody(http.rawBody);
  if (!body.ok) return refuse(400, 'bad-body', body.error);
  const parsed = httpBodySchema.safeParse(body.value);
  if (!parsed.success) return refuse(400, 'bad-body', `body: ${describeIssues(parsed.error.issues)}`);

  const request: RunRequest = {
    trigger: 'http',
    dryRun: parsed.data.dryRun ?? false,
    force: false,
    now: options.now ?? new Date(nowSec * 1000),
  };
  const policies = uniqueNames(parsed.data.policies);
  if (policies) request.policies = policies;
  return { ok: true, request };
}
