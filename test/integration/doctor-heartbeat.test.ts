/**
 * The doctor's heartbeat line against a real local monitor over HTTP: it pings only when asked
 * (--send-test-alert), since a monitor counts every request as a run, and names the variable to
 * fix otherwise. The URL's secret part never shows.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { heartbeatCheck } from '../../lib/doctor/heartbeat-check';
import { httpRequest } from '../../lib/http/request';
import { unreachableBase } from './alert-receivers';

async function monitor(status: number): Promise<{ base: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status).end('OK');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

const options = (url: string, sendTestAlert: boolean) => ({
  env: { HEARTBEAT_URL: url },
  sendTestAlert,
  transport: httpRequest,
});

describe('heartbeatCheck', () => {
  it('says there is none when none is configured', async () => {
    expect(await heartbeatCheck(undefined, options('', false))).toMatchObject({
      status: 'skip',
      subject: '(none)',
    });
  });

  it('checks the URL without pinging it, and pings once with --send-test-alert', async () => {
    const { base, paths } = await monitor(200);
    const url = `${base}/ping/0f1e2d3c-secret-uuid`;

    const quiet = await heartbeatCheck(url, options(url, false));
    expect(quiet).toMatchObject({ status: 'ok', subject: base.slice('http://'.length) });
    expect(paths).toEqual([]);

    const pinged = await heartbeatCheck(url, options(url, true));
    expect(pinged).toMatchObject({ status: 'ok', detail: 'one ping answered HTTP 200' });
    expect(paths).toEqual(['/ping/0f1e2d3c-secret-uuid']);
    expect(JSON.stringify([quiet, pinged])).not.toContain('secret-uuid');
  });

  it('names the variable to fix: a refused ping, no answer, a URL that does not parse', async () => {
    const { base } = await monitor(404);
    const refused = `${base}/ping/x`;
    expect(await heartbeatCheck(refused, options(refused, true))).toMatchObject({
      status: 'fail',
      detail: 'the ping was answered HTTP 404',
      fix: 'check HEARTBEAT_URL',
    });
    const down = `${await unreachableBase()}/ping/x`;
    expect(await heartbeatCheck(down, options(down, true))).toMatchObject({
      status: 'fail',
      detail: 'the ping got no answer: ECONNREFUSED',
      fix: 'check HEARTBEAT_URL',
    });
    expect(await heartbeatCheck('not a url', options('not a url', false))).toMatchObject({
      status: 'fail',
      fix: 'set HEARTBEAT_URL to the full https:// URL',
    });
  });
});
