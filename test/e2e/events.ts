/**
 * The events the e2e tests send, built the way SCF and callers build them: timer and console
 * events from lib/cli/scf-invocation.ts, the Function URL request from its `httpEvent`, and the
 * legacy API-gateway request from the recorded sample in test/fixtures/events/apigw.json, with
 * a body and signature of the test's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpEvent } from '../../lib/cli/scf-invocation';
import { signWebhook } from '../../lib/signing/webhook';

export { consoleEvent, httpEvent, timerEvent } from '../../lib/cli/scf-invocation';

const APIGW_SAMPLE = join(__dirname, '../fixtures/events/apigw.json');

const unixSec = (at: Date) => Math.floor(at.getTime() / 1000);

/** The legacy API-gateway integration event (header names in its mixed case), signed. */
export function apiGatewayEvent(secret: string, body: object, at: Date) {
  const sample = JSON.parse(readFileSync(APIGW_SAMPLE, 'utf8')) as {
    headers: Record<string, string>;
    body: string;
  };
  const rawBody = JSON.stringify(body);
  return {
    ...sample,
    headers: { ...sample.headers, 'X-Scf-Backup-Signature': signWebhook(secret, rawBody, unixSec(at)) },
    body: rawBody,
  };
}

/** A Function URL request whose raw body is exactly `rawBody` (which need not be JSON). */
export function rawHttpEvent(secret: string | undefined, rawBody: string, at: Date) {
  const event = httpEvent(undefined, {}, at);
  const headers: Record<string, string> = {
    ...event.headers,
    'content-length': String(Buffer.byteLength(rawBody)),
  };
  if (secret) headers['x-scf-backup-signature'] = signWebhook(secret, rawBody, unixSec(at));
  return { ...event, headers, body: rawBody };
}

/** The six requests the contract refuses, in the order sent, with what each must get. */
export function refusedRequests(secret: string, now: Date) {
  // Validly signed, but not the schema: refused after its signature was claimed, so sending the
  // very same request again is a replay. Neither reaches a cloud API.
  const malformed = rawHttpEvent(secret, '{"dryrun":true}', now);
  const stale = new Date(now.getTime() - 301_000);
  const oversized = JSON.stringify({ policies: ['nightly-disks'], pad: 'x'.repeat(64 * 1024) });
  return [
    { name: 'missing', statusCode: 401, reason: 'missing', event: rawHttpEvent(undefined, '{}', now) },
    { name: 'wrong', statusCode: 401, reason: 'mismatch', event: rawHttpEvent(`${secret}-not`, '{}', now) },
    { name: 'stale', statusCode: 401, reason: 'stale', event: rawHttpEvent(secret, '{}', stale) },
    { name: 'malformed', statusCode: 400, reason: 'bad-body', event: malformed },
    { name: 'replayed', statusCode: 409, reason: 'replay', event: malformed },
    { name: 'oversized', statusCode: 413, reason: 'too-large', event: rawHttpEvent(secret, oversized, now) },
  ] as const;
}
