/**
 * What SCF hands a function, made here the way SCF makes it (SCF's runtime, trigger and Function URL documentation):
 * the context object with its limit and `getRemainingTimeInMillis`, and the three kinds of event.
 */
import { randomUUID } from 'node:crypto';
import type { ScfContext } from '../middleware/scf-context';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from '../signing/webhook';

export interface ContextOptions {
  functionName: string;
  timeLimitMs: number;
  region: string;
  clock?: () => number;
}

export function scfContext({
  functionName,
  timeLimitMs,
  region,
  clock = Date.now,
}: ContextOptions): ScfContext {
  const startedMs = clock();
  const environment = { SCF_NAMESPACE: 'default' };
  return {
    request_id: randomUUID(),
    function_name: functionName,
    function_version: '$LATEST',
    namespace: 'default',
    memory_limit_in_mb: 128,
    time_limit_in_ms: timeLimitMs,
    tencentcloud_region: region,
    tencentcloud_appid: '1250000000',
    tencentcloud_uin: '100000000001',
    environment: JSON.stringify(environment),
    getRemainingTimeInMillis: () => Math.max(0, timeLimitMs - (clock() - startedMs)),
    callbackWaitsForEmptyEventLoop: true,
  };
}

export function timerEvent(functionName: string, now: Date) {
  // SCF fires on whole seconds and sends the trigger's own time.
  const time = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return { Type: 'Timer', TriggerName: `${functionName}-timer`, Time: time, Message: '' };
}

export function consoleEvent() {
  // The console's test: a plain JSON event; `{}` runs what is due.
  return {};
}

/** A Function URL event, signed as a caller of our HTTP trigger signs it. */
export function httpEvent(secret: string | undefined, body: object, now: Date) {
  const rawBody = JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(rawBody)),
    host: '1250000000-scfbackup.ap-guangzhou.tencentscf.com',
    'user-agent': 'scf-backup-invoke',
  };
  if (secret)
    headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] = signWebhook(
      secret,
      rawBody,
      Math.floor(now.getTime() / 1000),
    );
  return { body: rawBody, headers, httpMethod: 'POST', path: '/', queryString: {} };
}
