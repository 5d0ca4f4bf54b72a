/**
 * middy middleware: after a run, one aggregated message per channel when anything failed. An
 * alert that reaches no channel fails the invocation (AlertDeliveryError), so SCF records it.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import { deliverAlerts } from '../alerts/deliver';
import { AlertDeliveryError } from '../alerts/errors';
import { policyHasFailures } from '../alerts/summary';
import type { Redactor } from '../alerts/redact';
import type { HttpTransport } from '../http/types';
import type { Logger } from '../engine/log';
import type { RunReport } from '../engine/types';
import type { PolicyFile } from '../policy/schema';

export interface AlertsMiddlewareOptions {
  file: () => PolicyFile;
  log: () => Logger;
  /** The function's redactor: alert text is cleaned of cloud keys too, not only channel secrets. */
  redactor?: Redactor;
  transport?: HttpTransport;
}

function isHttp(request: Request): boolean {
  return (request.event as { http?: unknown } | undefined)?.http === true;
}

export function alertsMiddleware(options: AlertsMiddlewareOptions): MiddlewareObj {
  const after = async (request: Request) => {
    const report = request.response as RunReport | undefined;
    if (!report || !report.policies.some(policyHasFailures)) return;
    const file = options.file();
    const policyChannels = Object.fromEntries(file.policies.map((p) => [p.name, p.alerts]));
    let results;
    try {
      results = await deliverAlerts({
        report,
        channels: file.alerts,
        policyChannels,
        logger: options.log(),
        ...(options.redactor ? { redactor: options.redactor } : {}),
        ...(options.transport ? { transport: options.transport } : {}),
      });
    } catch (error) {
      // An HTTP caller holds the report and its failures: it gets them (200, as the contract
      // says) rather than a function error; the undeliverable alert is logged. Any other
      // trigger fails the invocation, so SCF records it.
      if (!(error instanceof AlertDeliveryError && isHttp(request))) throw error;
      options.log().error('no alert channel could be reached', { error: error.message });
      return;
    }
    for (const result of results) {
      options.log()[result.ok ? 'info' : 'warn']('alert', {
        channel: result.channel,
        ok: result.ok,
        attempts: result.attempts,
        error: result.error,
      });
    }
  };
  return { after };
}
