/** `scf-backup sim`: the JSON line, the human text, usage errors. */
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim';
import { runSimCommand } from '../../sim/cli';

function capture(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), signal },
    out,
    err,
  };
}

async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('runSimCommand', () => {
  it('--json prints exactly one line with url and keys, serves until stopped', async () => {
    const stop = new AbortController();
    const { io, out } = capture(stop.signal);
    const exit = runSimCommand(['--json', '--port', '0', '--no-rate-limits'], io);
    await until(() => out.length > 0);
    expect(out).toHaveLength(1);
    expect(out[0]?.endsWith('\n')).toBe(true);
    const line = JSON.parse(out[0] ?? '');
    expect(Object.keys(line)).toEqual(['url', 'tencent', 'huawei']);
    expect(Object.keys(line.tencent)).toEqual(['secretId', 'secretKey']);
    expect(line.huawei).toMatchObject({ projectId: '0123456789abcdef0123456789abcdef' });
    expect((await fetch(`${line.url}/_sim/health`)).status).toBe(200);
    stop.abort();
    expect(await exit).toBe(0);
    await expect(fetch(`${line.url}/_sim/health`)).rejects.toThrow();
  });

  it('prints the environment to export without --json', async () => {
    const stop = new AbortController();
    const { io, out } = capture(stop.signal);
    const exit = runSimCommand(['--port=0'], io);
    await until(() => out.length > 0);
    for (const name of [
      'TENCENTCLOUD_ENDPOINT',
      'TENCENTCLOUD_SECRETID',
      'TENCENTCLOUD_SECRETKEY',
      'HUAWEICLOUD_ENDPOINT',
      'HUAWEICLOUD_SDK_AK',
      'HUAWEICLOUD_SDK_SK',
      'HUAWEICLOUD_SDK_PROJECT_ID',
    ]) {
      expect(out[0]).toContain(`export ${name}=`);
    }
    stop.abort();
    expect(await exit).toBe(0);
  });

  it('answers bad flags with usage on stderr and exit 2', async () => {
    for (const argv of [['--bogus'], ['--port'], ['--port', 'abc'], ['--json=yes']]) {
      const { io, out, err } = capture();
      expect(await runSimCommand(argv, io)).toBe(2);
      expect(out).toEqual([]);
      expect(err.join('')).toContain('Usage: scf-backup sim');
    }
    const bad = capture();
    expect(await runSimCommand(['--port', '0', '--seed', '/nonexistent/seed.yaml'], bad.io)).toBe(2);
    expect(bad.err.join('')).toMatch(/cannot read seed/);
    const taken = await startSimulator({ rateLimits: false });
    const busy = capture();
    expect(await runSimCommand(['--port', String(taken.port)], busy.io)).toBe(1);
    expect(busy.err.join('')).toMatch(/EADDRINUSE/);
    await taken.stop();
    const help = capture();
    expect(await runSimCommand(['--help'], help.io)).toBe(0);
    expect(help.out.join('')).toContain('--no-rate-limits');
  });
});
