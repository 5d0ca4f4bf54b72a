/**
 * One HTTP exchange over Node's own http/https. The body goes out byte for byte as given (it is
 * what was signed), with a Content-Length we compute, so no library re-encodes or chunks it.
 */
import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type { Socket } from 'node:net';
import { TRANSPORT_CODES, TransportError, transportCodeOf } from './errors';
import type { HttpRequest, HttpResponse, HttpTransport } from './types';

export const HTTP_DEFAULTS = {
  connectTimeoutMs: 5_000,
  timeoutMs: 30_000,
  maxResponseBytes: 10 * 1024 * 1024,
  /** A pooled socket idle longer than this is closed instead of reused (see pruneIdleSockets). */
  maxIdleSocketMs: 4_000,
} as const;

export interface HttpAgents {
  'http:': Http.Agent;
  'https:': Https.Agent;
}

/**
 * Node's http and https (with tls and net) are loaded at the first request, not at start: a timer
 * firing with nothing due makes no request at all, and every cold start is ~3 ms shorter.
 */
let nodeModules: { http: typeof Http; https: typeof Https } | undefined;
function nodeHttp(): { http: typeof Http; https: typeof Https } {
  return (nodeModules ??= { http: require('node:http'), https: require('node:https') });
}

// One per protocol for the process: a warm SCF instance reuses connections across invocations.
let processAgents: HttpAgents | undefined;
function defaultAgents(): HttpAgents {
  const { http, https } = nodeHttp();
  return (processAgents ??= {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  });
}

const idleSince = new WeakMap<Socket, number>();
const watched = new WeakSet<Http.Agent>();

function watchIdle(agent: Http.Agent): void {
  if (watched.has(agent)) return;
  watched.add(agent);
  agent.on('free', (socket: Socket) => idleSince.set(socket, Date.now()));
}

/**
 * A socket the server closed while we were idle (or while SCF froze the instance) fails the next
 * request with ECONNRESET, and a create cannot be retried blindly. Servers close idle keep-alive
 * connections after about 5 s at the earliest, so older free sockets are dropped before use.
 */
function pruneIdleSockets(agent: Http.Agent, nowMs: number): void {
  for (const sockets of Object.values(agent.freeSockets)) {
    for (const socket of sockets ?? []) {
      const since = idleSince.get(socket);
      if (since !== undefined && nowMs - since > HTTP_DEFAULTS.maxIdleSocketMs) socket.destroy();
    }
  }
}

function bodyBytes(body: HttpRequest['body']): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

function withContentLength(
  headers: Record<string, string> | undefined,
  length: number,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-length') out[name] = value;
  }
  out['Content-Length'] = String(length);
  return out;
}

/** A transport over the given agents; tests pass their own to reach corners such as a connect timeout. */
export function createHttpTransport(agents: Partial<HttpAgents> = {}): HttpTransport {
  let chosen: HttpAgents | undefined;
  return (request) => {
    if (!chosen) {
      chosen = { ...defaultAgents(), ...agents };
      watchIdle(chosen['http:']);
      watchIdle(chosen['https:']);
    }
    return send(request, chosen);
  };
}

export const httpRequest: HttpTransport = createHttpTransport();

function send(request: HttpRequest, agents: HttpAgents): Promise<HttpResponse> {
  const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  const method = request.method.toUpperCase();
  const target = `${url.origin}${url.pathname}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new TypeError(`unsupported protocol ${url.protocol} in ${target}`));
  }
  const agent = agents[url.protocol];
  const lib = url.protocol === 'https:' ? nodeHttp().https : nodeHttp().http;
  const body = bodyBytes(request.body);
  const connectTimeoutMs = request.connectTimeoutMs ?? HTTP_DEFAULTS.connectTimeoutMs;
  const timeoutMs = request.timeoutMs ?? HTTP_DEFAULTS.timeoutMs;
  const maxResponseBytes = request.maxResponseBytes ?? HTTP_DEFAULTS.maxResponseBytes;
  pruneIdleSockets(agent, Date.now());

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const req = lib.request(url, { method, agent, headers: withContentLength(request.headers, body.length) });

    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(totalTimer);
      clearTimeout(connectTimer);
      return true;
    };
    const fail = (code: string, detail: string, cause?: unknown): void => {
      if (!finish()) return;
      // Destroying the request destroys its socket too: a half-read connection must not be pooled.
      req.destroy();
      reject(new TransportError({ code, method, target, detail, cause }));
    };

    const totalTimer = setTimeout(
      () => fail(TRANSPORT_CODES.requestTimeout, `no complete answer within ${timeoutMs} ms`),
      timeoutMs,
    );

    req.on('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => fail(TRANSPORT_CODES.connectTimeout, `not connected within ${connectTimeoutMs} ms`),
        connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('error', (error) => fail(transportCodeOf(error), error.message, error));

    req.on('response', (res) => {
      const tooLarge = (): void =>
        fail(TRANSPORT_CODES.responseTooLarge, `answer larger than ${maxResponseBytes} bytes`);
      if (Number(res.headers['content-length'] ?? 0) > maxResponseBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) return tooLarge();
        chunks.push(chunk);
      });
      res.on('error', (error) => fail(transportCodeOf(error), error.message, error));
      res.on('close', () => {
        if (!res.complete) fail(TRANSPORT_CODES.connectionReset, 'connection closed mid-answer');
      });
      res.on('end', () => {
        if (!finish()) return;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });

    req.end(body);
  });
}
