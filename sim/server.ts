/**
 * One loopback HTTP server for both clouds: `/_sim/…` is the simulator's own API, `POST /` is
 * Tencent API 3.0, every other path a Huawei REST route. The body is read whole first because
 * both signatures hash it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdmin, type SimControl } from './admin';
import { handleHuawei } from './huawei-gateway';
import { newHuaweiRequestId, newTencentRequestId, sendHuaweiError, sendTencentError } from './respond';
import type { SimRuntime } from './runtime';
import { handleTencent } from './tencent-gateway';

/**
 * A runaway client gets the cloud's size error. 10 MB so an SCF code upload (a base64 zip inside
 * the JSON body) fits. UNCONFIRMED: API 3.0's documented POST limit is 10 MB as far as we know;
 * the reference does not state it.
 */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const ADMIN_PREFIX = '/_sim/';

function route(
  runtime: SimRuntime,
  control: SimControl,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  tooLarge: boolean,
): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  if (path.startsWith(ADMIN_PREFIX)) return handleAdmin(runtime, control, req, res, path, body);
  if (path === '/') {
    if (tooLarge)
      return sendTencentError(
        res,
        'RequestSizeLimitExceeded',
        'The request body is too large.',
        newTencentRequestId(),
      );
    return handleTencent(runtime, req, res, body, query);
  }
  if (tooLarge)
    return sendHuaweiError(res, 'APIGW.0201', 'Request entity too large', newHuaweiRequestId(), 413);
  return handleHuawei(runtime, req, res, body, path, query);
}

export function createSimServer(getRuntime: () => SimRuntime, control: SimControl): Server {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      try {
        const runtime = getRuntime();
        // The Date header tells the simulator's time (its clock plus any dateSkewMs fault), as a
        // real gateway tells its own: `scf-backup doctor` measures clock skew from it.
        const skewMs = runtime.faults.current().dateSkewMs ?? 0;
        res.setHeader('Date', new Date(runtime.clock.now() + skewMs).toUTCString());
        route(runtime, control, req, res, body, size > MAX_BODY_BYTES);
      } catch (error) {
        console.error('simulator: unhandled error', error);
        if (!res.headersSent) res.writeHead(500).end();
      }
    });
  });
  // Held (timeout-fault) requests must not be cut by Node's own timers: the client decides.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 5_000;
  return server;
}
