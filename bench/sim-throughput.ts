/**
 * Simulator throughput for signed requests, rate limits off: N keep-alive connections each
 * send TC3-signed CBS DescribeDisks calls back to back for a few seconds; prints requests/s and
 * p50/p99 latency. Prints, never asserts.
 *
 *   npx tsx bench/sim-throughput.ts [--connections 16] [--seconds 3] [--in-process]
 *
 * By default the simulator runs in a child process, so the load generator (which signs every
 * request too) does not share its event loop; `--in-process` measures both on one loop.
 */
import { Agent, request } from 'node:http';
import { signTc3 } from '../lib/signing/tc3';
import { startSimulator } from '../sim';
import { startSimChild } from './sim-child';

interface Target {
  url: string;
  tencent: { secretId: string; secretKey: string };
  stop(): Promise<void>;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function startInProcess(): Promise<Target> {
  const sim = await startSimulator({ rateLimits: false });
  return { url: sim.url, tencent: sim.credentials.tencent, stop: () => sim.stop() };
}

function signedCall(target: Target, agent: Agent): Promise<boolean> {
  const url = new URL(target.url);
  const body = JSON.stringify({ Filters: [{ Name: 'tag:backup', Values: ['nightly'] }] });
  const timestampSec = Math.floor(Date.now() / 1000);
  const { authorization } = signTc3(
    {
      method: 'POST',
      signedHeaders: { 'content-type': 'application/json', host: url.host },
      body,
      timestampSec,
      service: 'cbs',
    },
    target.tencent,
  );
  const headers = {
    'Content-Type': 'application/json',
    Host: url.host,
    Authorization: authorization,
    'X-TC-Action': 'DescribeDisks',
    'X-TC-Version': '2017-03-12',
    'X-TC-Region': 'ap-guangzhou',
    'X-TC-Timestamp': String(timestampSec),
  };
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(res.statusCode === 200 && !text.includes('"Error"')));
    });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const connections = option('--connections', 16);
  const seconds = option('--seconds', 3);
  const inProcess = process.argv.includes('--in-process');
  const target: Target = inProcess ? await startInProcess() : await startSimChild({ rateLimits: false });
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latenciesMs: number[] = [];
  let failures = 0;
  // Warm-up: JIT, connection setup, the signing-key cache.
  await Promise.all(Array.from({ length: connections * 4 }, () => signedCall(target, agent)));
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const ok = await signedCall(target, agent);
        latenciesMs.push(performance.now() - t0);
        if (!ok) failures += 1;
      }
    }),
  );
  const elapsedSec = (performance.now() - started) / 1000;
  agent.destroy();
  await target.stop();
  latenciesMs.sort((a, b) => a - b);
  const mode = inProcess ? 'in-process' : 'child process';
  console.log(
    `simulator throughput (${mode}, ${connections} keep-alive connections, ${elapsedSec.toFixed(1)} s)`,
  );
  console.log(`  signed CBS DescribeDisks: ${(latenciesMs.length / elapsedSec).toFixed(0)} requests/s`);
  console.log(
    `  latency p50 ${percentile(latenciesMs, 50).toFixed(2)} ms, p99 ${percentile(latenciesMs, 99).toFixed(2)} ms`,
  );
  console.log(`  failures: ${failures} of ${latenciesMs.length}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
