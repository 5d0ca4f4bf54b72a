import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpEvent, timerEvent } from '../../lib/cli/scf-invocation';
import type { RunReport } from '../../lib/engine/types';
import { createBackupFunction } from '../../lib/middleware/backup-function';
import { MAX_POLICIES, MAX_POLICY_FILE_BYTES } from '../../lib/policy/limits';

const SECRET = 'backup-function-test-secret';

/** A loopback port nothing listens on: every call fails with ECONNREFUSED, a transient error. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A gateway in front of the cloud API answering every request with `status` and an HTML page, as
 * a proxy or load balancer does (no API error code in it: only the status says what happened).
 */
async function gateway(status: number): Promise<Server & { url: string }> {
  const server = createHttpServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': 'text/html', ...(status === 429 ? { 'retry-after': '0' } : {}) });
    res.end(`<html><body><h1>${status}</h1>gateway</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(server, { url: `http://127.0.0.1:${port}` });
}

async function unreachableCloudFunction(endpoint?: string) {
  const bundleDir = mkdtempSync(join(tmpdir(), 'scf-backup-fn-'));
  const policy = {
    version: 1,
    policies: [
      {
        name: 'nightly',
        kind: 'cbs-disk',
        schedule: '0 * * * * * *',
        regions: ['ap-guangzhou'],
        select: { all: true },
        retention: { keepLast: 3 },
      },
    ],
  };
  writeFileSync(join(bundleDir, 'policy.json'), JSON.stringify(policy));
  const env = {
    TENCENTCLOUD_SECRETID: 'AKIDtest',
    TENCENTCLOUD_SECRETKEY: 'test-secret-key',
    TENCENTCLOUD_ENDPOINT: endpoint ?? `http://127.0.0.1:${await closedPort()}`,
    SCF_BACKUP_WEBHOOK_SECRET: SECRET,
  };
  return createBackupFunction(
    { name: 'disk-backup', kinds: ['cbs-disk'] },
    { env, bundleDir, write: () => undefined },
  );
}

describe('a backup function whose run fails only with transient errors', () => {
  it('throws on a timer invocation, so SCF retries it', async () => {
    const handler = await unreachableCloudFunction();
    await expect(handler(timerEvent('disk-backup', new Date()), { request_id: 't' })).rejects.toThrow(
      /failed as a whole with transient errors/,
    );
  });

  it('answers an HTTP invocation with 200 and the failed report', async () => {
    const handler = await unreachableCloudFunction();
    const response = (await handler(httpEvent(SECRET, {}, new Date()), { request_id: 'h' })) as unknown as {
      statusCode: number;
      body: string;
    };
    expect(response.statusCode).toBe(200);
    const report = JSON.parse(response.body) as RunReport;
    expect(report.status).toBe('failed');
    expect(report.policies[0]?.error?.code).toBe('ECONNREFUSED');
  });
});

describe('a backup function whose cloud sits behind a failing gateway', () => {
  // The report carries `HTTP.503`/`HTTP.429`, codes no table knows: only the class the error got
  // when the call failed, from its status, says a retry can help.
  it.each([503, 429])(
    'throws on a timer invocation when every call got %i, so SCF retries it',
    async (status) => {
      const server = await gateway(status);
      try {
        const handler = await unreachableCloudFunction(server.url);
        const outcome = await handler(timerEvent('disk-backup', new Date()), {
          request_id: `g${status}`,
        }).then(
          (report) => ({ report }),
          (error: unknown) => ({ error }),
        );
        expect(outcome).toEqual({ error: expect.objectContaining({ name: 'RunFailedError' }) });
      } finally {
        server.close();
      }
    },
  );
});

describe('a backup function whose policy.json is over the limits', () => {
  const policy = (i: number) => ({
    name: `disks-${i}`,
    kind: 'cbs-disk',
    schedule: '0 0 2 * * * *',
    regions: ['ap-guangzhou'],
    select: { all: true },
    retention: { keepLast: 3 },
  });

  it.each([
    [
      'over the size cap',
      { version: 1, policies: [policy(0)], pad: 'x'.repeat(MAX_POLICY_FILE_BYTES) },
      /policy\.json: \(file\): is \d+ bytes; a policy file may be at most 262144 bytes/,
    ],
    [
      'nested 100,000 levels deep (a recursive check would overflow the stack)',
      `{"version":1,"policies":[${JSON.stringify(policy(0))}],"x":${'['.repeat(1e5)}${']'.repeat(1e5)}}`,
      /policy\.json: \(root\): nests deeper than 32 levels/,
    ],
    [
      'over the policy count',
      { version: 1, policies: Array.from({ length: MAX_POLICIES + 1 }, (_, i) => policy(i)) },
      /policy\.json: policies: has 201 policies; a file may hold at most 200/,
    ],
  ])(
    'fails the invocation with a PolicyError naming policy.json when %s',
    async (_name, document, message) => {
      const bundleDir = mkdtempSync(join(tmpdir(), 'scf-backup-fn-'));
      writeFileSync(
        join(bundleDir, 'policy.json'),
        typeof document === 'string' ? document : JSON.stringify(document),
      );
      const handler = createBackupFunction(
        { name: 'disk-backup', kinds: ['cbs-disk'] },
        {
          env: { TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'k' },
          bundleDir,
          write: () => undefined,
        },
      );
      await expect(handler(timerEvent('disk-backup', new Date()), { request_id: 'p' })).rejects.toThrow(
        message,
      );
    },
  );
});
