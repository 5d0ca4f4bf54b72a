/**
 * The simulator in a child process, for benchmarks: the load (our engine, which signs every
 * request too) must not share an event loop with the server it measures against.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SimSeed } from '../sim/types';

export interface SimChild {
  url: string;
  tencent: { secretId: string; secretKey: string };
  huawei: { ak: string; sk: string; projectId: string };
  /** The environment that points our clients at this simulator. */
  env: Record<string, string>;
  post(path: string, body: unknown): Promise<unknown>;
  get<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

export interface SimChildOptions {
  seed?: SimSeed;
  rateLimits?: boolean;
}

export async function startSimChild(options: SimChildOptions = {}): Promise<SimChild> {
  const root = join(__dirname, '..');
  const args = ['--json', '--port', '0'];
  if (options.rateLimits === false) args.push('--no-rate-limits');
  if (options.seed) {
    const file = join(mkdtempSync(join(tmpdir(), 'scf-backup-bench-')), 'seed.json');
    writeFileSync(file, JSON.stringify(options.seed));
    args.push('--seed', file);
  }
  const script = `require('./sim/cli.ts').runSimCommand(${JSON.stringify(args)}).then((c) => process.exit(c))`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--max-old-space-size=4096', '-r', 'tsx/cjs', '-e', script],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const info = JSON.parse(first) as Pick<SimChild, 'url' | 'tencent' | 'huawei'>;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${info.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    ...info,
    env: {
      TENCENTCLOUD_ENDPOINT: info.url,
      TENCENTCLOUD_SECRETID: info.tencent.secretId,
      TENCENTCLOUD_SECRETKEY: info.tencent.secretKey,
      HUAWEICLOUD_ENDPOINT: info.url,
      HUAWEICLOUD_SDK_AK: info.huawei.ak,
      HUAWEICLOUD_SDK_SK: info.huawei.sk,
      HUAWEICLOUD_SDK_PROJECT_ID: info.huawei.projectId,
    },
    post: (path, body) => call('POST', path, body),
    get: (path) => call('GET', path) as Promise<never>,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function disksSeed(count: number, tags: Record<string, string> = { backup: 'bulk' }): SimSeed {
  return {
    tencent: {
      disks: Array.from({ length: count }, (_, i) => ({
        id: `disk-${String(i).padStart(8, '0')}`,
        region: 'ap-guangzhou',
        tags,
      })),
    },
  };
}

export function formatTable(rows: Array<Record<string, string | number>>): string {
  const headers = Object.keys(rows[0] ?? {});
  const cells = [headers, ...rows.map((row) => headers.map((h) => String(row[h] ?? '')))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  return cells.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')).join('\n');
}
