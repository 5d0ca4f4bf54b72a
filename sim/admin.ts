/**
 * The simulator's own unsigned endpoints under `/_sim/` (docs/simulator.md): state,
 * stats, faults, reset, plus health and the credentials of this run for tools that attach to a
 * simulator they did not start. State and credentials are answered to loopback callers only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './respond';
import type { SimRuntime } from './runtime';

export interface SimControl {
  reset(): void;
  state(): unknown;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isLoopback(req: IncomingMessage): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '');
}

function parseJsonBody(body: Buffer): unknown {
  return body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
}

export function handleAdmin(
  runtime: SimRuntime,
  control: SimControl,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Buffer,
): void {
  const route = `${req.method ?? 'GET'} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_sim/health':
      return sendJson(res, 200, { ok: true });
    case 'GET /_sim/stats':
      return sendJson(res, 200, runtime.stats.toJSON());
    case 'GET /_sim/faults':
      return sendJson(res, 200, runtime.faults.current());
    case 'POST /_sim/faults': {
      try {
        return sendJson(res, 200, { faults: runtime.faults.configure(parseJsonBody(body)) });
      } catch (error) {
        return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    case 'POST /_sim/reset':
      control.reset();
      return sendJson(res, 200, { reset: true });
    case 'GET /_sim/state':
    case 'GET /_sim/credentials':
      if (!isLoopback(req)) return sendJson(res, 403, { error: 'loopback callers only' });
      return sendJson(res, 200, route === 'GET /_sim/state' ? control.state() : runtime.credentials);
    default:
      return sendJson(res, 404, {
        error: `no such simulator endpoint: ${route}`,
        endpoints: [
          'GET /_sim/state',
          'GET /_sim/stats',
          'GET|POST /_sim/faults',
          'POST /_sim/reset',
          'GET /_sim/health',
        ],
      });
  }
}
