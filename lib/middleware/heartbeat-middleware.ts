/**
 * middy middleware: a healthchecks-style heartbeat (Healthchecks.io, Cronitor, Uptime Kuma push
 * monitors). After an invocation that completed without failure it requests `url`; after one
 * that failed, `<url>/fail`. An outside watcher then alerts when runs stop happening at all (a
 * disabled timer, a lost permission). The ping never fails the invocation, and its URL is a
 * secret: only its redacted form is logged.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import { redactUrl } from '../alerts/redact';
import type { Logger } from '../engine/log';
import type { RunReport } from '../engine/types';
import { httpRequest } from '../http/request';
import type { HttpTransport } from '../http/types';

export interface HeartbeatMiddlewareOptions {
  /** The resolved heartbeat URL, when the policy file configures one. */
  url: () => string | undefined;
  log: () => Logger;
  transport?: HttpTransport;
  /**
   * Whether this invocation reached the run. A request refused at the door (a bad signature, a
   * malformed event) says nothing about the backups, and must not let strangers ping `/fail`.
   */
  reachedRun: (request: Request) => boolean;
}

const PING_TIMEOUT_MS = 5_000;

/** A failure: any failed target or policy, or a run that failed as a whole. */
export function reportFailed(report: RunReport | undefined): boolean {
  return !report || report.status === 'failed' || report.totals.failed > 0;
}

export function heartbeatUrl(url: string, failed: boolean): string {
  return failed ? `${url.replace(/\/+$/, '')}/fail` : url;
}

export function heartbeatMiddleware(options: HeartbeatMiddlewareOptions): MiddlewareObj {
  const ping = async (failed: boolean) => {
    const url = options.url();
    if (!url) return;
    const target = heartbeatUrl(url, failed);
    try {
      const response = await (options.transport ?? httpRequest)({
        method: 'GET',
        url: target,
        connectTimeoutMs: PING_TIMEOUT_MS,
        timeoutMs: PING_TIMEOUT_MS,
        maxResponseBytes: 64 * 1024,
      });
      const ok = response.status >= 200 && response.status < 300;
      const log = options.log();
      const fields = { url: redactUrl(target), status: response.status, failed };
      if (ok) log.info('heartbeat', fields);
      else log.warn('heartbeat', fields);
    } catch (error) {
      options.log().warn('heartbeat not delivered', {
        url: redactUrl(target),
        failed,
        error: error instanceof Error ? error.name : 'Error',
      });
    }
  };
  return {
    after: (request: Request) => ping(reportFailed(request.response as RunReport | undefined)),
    onError: (request: Request) => (options.reachedRun(request) ? ping(true) : undefined),
  };
}
