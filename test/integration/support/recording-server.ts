/**
 * A loopback HTTP server for client tests: records every request (headers and exact body bytes)
 * and answers with whatever the current test's `reply` says.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
  /** Answer this late (ms), to provoke a client timeout. */
  delayMs?: number;
}

export interface RecordingServer {
  url: string;
  port: number;
  requests: Recorded[];
  /** Called with each request and its index (from 0) since the last reset. */
  reply: (request: Recorded, index: number) => Reply;
  reset(reply: (request: Recorded, index: number) => Reply): void;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const state: RecordingServer = {
    url: '',
    port: 0,
    requests: [],
    reply: () => ({ status: 404 }),
    reset(reply) {
      state.requests = [];
      state.reply = reply;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      state.requests.push(recorded);
      const reply = state.reply(recorded, state.requests.length - 1);
      const send = (): void => {
        if (res.destroyed) return;
        const body =
          reply.body === undefined
            ? ''
            : typeof reply.body === 'string'
              ? reply.body
              : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers });
        res.end(body);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  return state;
}
