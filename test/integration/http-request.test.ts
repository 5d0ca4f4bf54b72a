import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../../lib/http/errors';
import { createHttpTransport, httpRequest } from '../../lib/http/request';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let server: http.Server;
let base: string;
let connections = 0;
const seen: Seen[] = [];

/** Routes by path: each one plays a server behaviour the transport must cope with. */
function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
  switch (req.url) {
    case '/echo':
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-echo' });
      res.end(body);
      return;
    case '/slow':
      setTimeout(() => res.end('late'), 30_000).unref();
      return;
    case '/big-declared':
      res.writeHead(200, { 'Content-Length': '5000' });
      res.end(Buffer.alloc(5000, 'x'));
      return;
    case '/big-chunked':
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(500, 'y'));
      res.end();
      return;
    case '/reset':
      req.socket.destroy();
      return;
    case '/cut':
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('only part of it');
      setTimeout(() => req.socket.destroy(), 20);
      return;
    default:
      res.writeHead(404);
      res.end();
  }
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe('httpRequest', () => {
  it('sends the body bytes exactly, with their Content-Length, and returns status, headers, body', async () => {
    const body = Buffer.from('{"Name":"未命名 😀","Bytes":"\\u00ff"}', 'utf8');
    const response = await httpRequest({
      method: 'POST',
      url: `${base}/echo`,
      headers: { 'Content-Type': 'application/json', Host: 'cbs.tencentcloudapi.com', 'content-length': '1' },
      body,
    });
    expect(response.status).toBe(201);
    expect(response.headers['x-request-id']).toBe('req-echo');
    expect(response.body.equals(body)).toBe(true);
    const last = seen.at(-1) as Seen;
    expect(last.body.equals(body)).toBe(true);
    expect(last.headers['content-length']).toBe(String(body.length));
    expect(last.headers['content-type']).toBe('application/json'); // no charset added
    expect(last.headers.host).toBe('cbs.tencentcloudapi.com');
  });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    const before = connections;
    for (let i = 0; i < 3; i++) await httpRequest({ method: 'GET', url: `${base}/echo` });
    expect(connections - before).toBeLessThanOrEqual(1);
  });

  it('gives up after the total timeout with RequestTimeout', async () => {
    const startedAtMs = Date.now();
    const error = await failure(httpRequest({ method: 'GET', url: `${base}/slow`, timeoutMs: 150 }));
    expect(error.code).toBe('RequestTimeout');
    // Far from the 30 s the answer would take: a loaded machine cannot blur the two.
    expect(Date.now() - startedAtMs).toBeLessThan(10_000);
  });

  it('gives up on a connection that does not open with ConnectTimeout', async () => {
    // An agent whose DNS lookup never answers keeps the socket connecting for ever.
    const agent = new http.Agent({ lookup: () => undefined } as http.AgentOptions);
    const transport = createHttpTransport({ 'http:': agent });
    const error = await failure(
      transport({ method: 'GET', url: 'http://never.invalid/', connectTimeoutMs: 100, timeoutMs: 5_000 }),
    );
    expect(error.code).toBe('ConnectTimeout');
    agent.destroy();
  });

  it.each(['/big-declared', '/big-chunked'])('cuts off an answer over the size cap (%s)', async (path) => {
    const error = await failure(
      httpRequest({ method: 'GET', url: `${base}${path}`, maxResponseBytes: 1000 }),
    );
    expect(error.code).toBe('ResponseTooLarge');
  });

  it('reports a refused connection, a reset and an answer cut short with their socket codes', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(httpRequest({ method: 'GET', url: `http://127.0.0.1:${port}/` }));
    expect(refused.code).toBe('ECONNREFUSED');
    expect(refused.cause).toBeDefined();

    const reset = await failure(httpRequest({ method: 'POST', url: `${base}/reset`, body: 'x' }));
    expect(reset.code).toBe('ECONNRESET');
    const cut = await failure(httpRequest({ method: 'GET', url: `${base}/cut` }));
    expect(cut.code).toBe('ECONNRESET');
    expect(cut.message).toContain(`GET ${base}/cut`);
  });
});
