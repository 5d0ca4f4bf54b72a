/**
 * Loopback stand-ins for the alert services, answering the way the real ones do (failures in an
 * HTTP 200 body included) and verifying signatures the way they are documented to
 * (reference/scf-and-alerts.md §7), computed here independently of lib/alerts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  service: 'wecom' | 'dingtalk' | 'feishu' | 'slack' | 'webhook';
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  json: unknown;
  /** The receiver's clock when it arrived. */
  atMs: number;
}

/** A scripted answer for the next request to a service, instead of its normal behaviour. */
export type Scripted = { status: number; body: string; headers?: Record<string, string> };

export interface ReceiverOptions {
  clock: () => number;
  dingtalkSecret: string;
  feishuSecret: string;
  webhookSecret: string;
}

const HOUR_MS = 60 * 60 * 1000;

function equalStrings(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startReceivers(options: ReceiverOptions) {
  const received: Received[] = [];
  const scripts = new Map<Received['service'], Scripted[]>();

  function normal(service: Received['service'], r: Received): Scripted {
    const json = (value: unknown): Scripted => ({ status: 200, body: JSON.stringify(value) });
    const now = options.clock();
    switch (service) {
      case 'wecom':
        return json({ errcode: 0, errmsg: 'ok' });
      case 'dingtalk': {
        // DingTalk: timestamp in ms within an hour; sign = base64 HMAC(secret, "ts\nsecret"), URL-encoded.
        const ts = r.query.get('timestamp') ?? '';
        const expected = createHmac('sha256', options.dingtalkSecret)
          .update(`${ts}\n${options.dingtalkSecret}`)
          .digest('base64');
        const fresh = /^\d{13}$/.test(ts) && Math.abs(now - Number(ts)) < HOUR_MS;
        if (!fresh || !equalStrings(r.query.get('sign') ?? '', expected)) {
          return json({
            errcode: 310000,
            errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
          });
        }
        return json({ errcode: 0, errmsg: 'ok' });
      }
      case 'feishu': {
        // Feishu: timestamp in seconds within an hour; sign = base64 HMAC(key "ts\nsecret", "").
        const body = r.json as { timestamp?: string; sign?: string };
        const ts = body.timestamp ?? '';
        const expected = createHmac('sha256', `${ts}\n${options.feishuSecret}`).update('').digest('base64');
        const fresh = /^\d{10}$/.test(ts) && Math.abs(now / 1000 - Number(ts)) < HOUR_MS / 1000;
        if (!fresh || !equalStrings(body.sign ?? '', expected)) {
          return json({
            code: 19021,
            msg: 'sign match fail or timestamp is not within one hour from current time',
          });
        }
        return json({ code: 0, msg: 'success', data: {} });
      }
      case 'slack':
        return { status: 200, body: 'ok', headers: { 'content-type': 'text/html' } };
      case 'webhook': {
        const header = String(r.headers['x-scf-backup-signature'] ?? '');
        const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
        const expected = match
          ? createHmac('sha256', options.webhookSecret).update(`${match[1]}.`).update(r.body).digest('hex')
          : '';
        const ok =
          match && equalStrings(match[2] ?? '', expected) && Math.abs(now / 1000 - Number(match[1])) <= 300;
        return ok ? { status: 204, body: '' } : { status: 401, body: 'bad signature' };
      }
    }
  }

  function route(path: string): Received['service'] | undefined {
    if (path.startsWith('/cgi-bin/webhook/send')) return 'wecom';
    if (path.startsWith('/robot/send')) return 'dingtalk';
    if (path.startsWith('/open-apis/bot/v2/hook/')) return 'feishu';
    if (path.startsWith('/services/')) return 'slack';
    if (path.startsWith('/hooks/')) return 'webhook';
    return undefined;
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const service = route(url.pathname);
      if (!service) {
        res.writeHead(404).end('no_service');
        return;
      }
      const body = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
      const r: Received = {
        service,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        json,
        atMs: options.clock(),
      };
      received.push(r);
      const answer = scripts.get(service)?.shift() ?? normal(service, r);
      res
        .writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        .end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    received,
    /** Answers the next requests to `service` with these, in order, then behaves normally. */
    script(service: Received['service'], answers: Scripted[]) {
      scripts.set(service, [...(scripts.get(service) ?? []), ...answers]);
    },
    of(service: Received['service']) {
      return received.filter((r) => r.service === service);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback URL on which nothing listens: connection refused. */
export async function unreachableBase(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
