/**
 * Authenticates an HTTP invocation as docs/triggers-and-alerts.md "HTTP (Function URL)" says, and turns it into a
 * RunRequest. The checks run cheapest-first and every refusal returns before anything else
 * happens: no secret → 401, not POST → 405, too large → 413 (measured before it is decoded or
 * hashed), not base64 as flagged → 400, bad or stale signature → 401, replay → 409, body not
 * JSON, with a key twice, or not the schema → 400. Only a request that passes all of them yields
 * a RunRequest, so no run can start for a refused one. Nothing is read or loaded before the
 * signature is checked, and the run plans as of the signed timestamp: a replay that slips past
 * the replay cache (a new container) plans the very slot the original did, and finds it done.
 */
import type { RunRequest } from '../engine/types';
import {
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TOLERANCE_SEC,
  type WebhookFailureReason,
  verifyWebhookSignature,
} from '../signing/webhook';
import { describeIssues } from './errors';
import { readBody } from './http-body';
import type { HttpInvocation } from './http-event';
import { parseJsonBody } from './json-body';
import type { ReplayCache } from './replay-cache';
import { httpBodySchema, uniqueNames } from './schemas';

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export type WebhookRefusalReason =
  'bad-event' | 'disabled' | 'method' | 'too-large' | WebhookFailureReason | 'replay' | 'bad-body';

export type WebhookAuthResult =
  | { ok: true; request: RunRequest }
  | { ok: false; statusCode: 400 | 401 | 405 | 409 | 413; reason: WebhookRefusalReason; error: string };

export interface WebhookAuthOptions {
  /** BACKUP_WEBHOOK_SECRET (SCF) or SCF_BACKUP_WEBHOOK_SECRET; without it the HTTP way in refuses everything. */
  secret?: string;
  nowSec: number;
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
  const body = readBody(http.body, maxBodyBytes);
  if (!body.ok) return refuse(body.statusCode, body.reason, body.error);

  const verified = verifyWebhookSignature(
    http.headers[SIGNATURE_HEADER],
    body.bytes,
    secret,
    nowSec,
    toleranceSec,
  );
  if (!verified.ok) return refuse(401, verified.reason, SIGNATURE_ERRORS[verified.reason]);
  // Claimed before the body is parsed: a replay of a malformed body is still a replay.
  if (!replayCache.claim(verified.digest, verified.timestampSec + toleranceSec, nowSec)) {
    return refuse(409, 'replay', 'this signature was already used');
  }

  const json = parseJsonBody(body.bytes, '{"policies"?:[…],"dryRun"?:bool}');
  if (!json.ok) return refuse(400, 'bad-body', json.error);
  const parsed = httpBodySchema.safeParse(json.value);
  if (!parsed.success) return refuse(400, 'bad-body', `body: ${describeIssues(parsed.error.issues)}`);

  const request: RunRequest = {
    trigger: 'http',
    dryRun: parsed.data.dryRun ?? false,
    force: false,
    // The signed instant, not the clock: every replay within the window plans the same slot.
    now: new Date(verified.timestampSec * 1000),
  };
  const policies = uniqueNames(parsed.data.policies);
  if (policies) request.policies = policies;
  return { ok: true, request };
}
