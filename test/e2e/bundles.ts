/**
 * The built bundles, and a way to run them as SCF does. Bundles are built once per test file
 * into a temp dir with the e2e policy; each invocation runs in a child Node process (runner.ts),
 * which is what a cold SCF container is:
 * - its own process.env, read by the bundle on first invocation — no saving and restoring of the
 *   test process's environment, so scenarios with different keys can run side by side;
 * - its own module state: config cache, replay cache, alert pacer, keep-alive sockets;
 * - its stdout is the function's log, captured whole, exactly as SCF collects it.
 * A job of several events is one warm container serving several invocations (replays need that).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { RunReport } from '../../lib/engine/types';
import type { InvocationResult, RunnerJob } from './runner';

export const FUNCTION_KINDS = {
  'disk-backup': ['cbs-disk'],
  'database-backup': ['cdb-mysql', 'gaussdb-mysql'],
  'warehouse-backup': ['dws-cluster'],
  'backup-repository': ['tke-repository'],
} as const;
export type FunctionName = keyof typeof FUNCTION_KINDS;
export const FUNCTION_NAMES = Object.keys(FUNCTION_KINDS) as FunctionName[];

export const E2E_POLICY = join(__dirname, '../fixtures/e2e-policy.yaml');

export interface BuiltFunctions {
  outdir: string;
  /** policy.json as the build wrote it, for tests that derive a variant of it. */
  policy: Record<string, unknown>;
  buildMs: number;
  remove(): void;
}

export async function buildE2eBundles(policyFile = E2E_POLICY): Promise<BuiltFunctions> {
  const startedMs = Date.now();
  const outdir = mkdtempSync(join(tmpdir(), 'scf-backup-e2e-'));
  const { buildFunctions } = await import('../../esbuild.config.mjs');
  await buildFunctions({ outdir, policyFile });
  await build({
    entryPoints: [join(__dirname, 'runner.ts')],
    outfile: join(outdir, 'e2e-runner.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    logLevel: 'error',
  });
  return {
    outdir,
    policy: JSON.parse(readFileSync(join(outdir, 'policy.json'), 'utf8')) as Record<string, unknown>,
    buildMs: Date.now() - startedMs,
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** One JSON log line; anything unparseable is kept as `raw` so a test can fail on it. */
export type LogLine = Record<string, unknown> & { message?: string; level?: string; raw?: string };

export interface Invocation {
  results: InvocationResult[];
  logs: LogLine[];
  stdout: string;
  stderr: string;
}

export interface InvokeOptions {
  env: Record<string, string>;
  /** The context's `time_limit_in_ms`; SCF's maximum for an event function by default. */
  timeLimitMs?: number;
  region?: string;
}

function parseLogs(stdout: string): LogLine[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        return { raw: line };
      }
    });
}

/** Runs `events` through one container of `fn`, in order. Resolves whatever the handler did. */
export async function invoke(
  built: BuiltFunctions,
  fn: FunctionName,
  events: unknown[],
  options: InvokeOptions,
): Promise<Invocation> {
  const jobDir = mkdtempSync(join(tmpdir(), 'scf-backup-e2e-job-'));
  try {
    const job: RunnerJob = {
      bundle: join(built.outdir, `${fn}.js`),
      functionName: fn,
      region: options.region ?? 'ap-guangzhou',
      timeLimitMs: options.timeLimitMs ?? 900_000,
      events,
      resultFile: join(jobDir, 'results.json'),
    };
    writeFileSync(join(jobDir, 'job.json'), JSON.stringify(job));
    // Only what SCF would set: none of the test process's variables reach the function.
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env };
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        [join(built.outdir, 'e2e-runner.cjs'), join(jobDir, 'job.json')],
        { env, cwd: built.outdir, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
        (error, out, err) =>
          error ? reject(new Error(`${error.message}\n${err}`)) : resolve({ stdout: out, stderr: err }),
      );
    });
    const results = JSON.parse(readFileSync(job.resultFile, 'utf8')) as InvocationResult[];
    return { results, logs: parseLogs(stdout), stdout, stderr };
  } finally {
    rmSync(jobDir, { recursive: true, force: true });
  }
}

/** The value of the `index`-th invocation; fails with what it threw when it threw. */
export function returned(invocation: Invocation, index = 0): unknown {
  const result = invocation.results[index];
  if (!result) throw new Error(`no invocation #${index}`);
  if (!result.ok) throw new Error(`invocation #${index} threw ${result.error.name}: ${result.error.message}`);
  return result.value;
}

export function reportOf(invocation: Invocation, index = 0): RunReport {
  return returned(invocation, index) as RunReport;
}

/** `trigger`'s integration response: status, and the body parsed. */
export function httpResponseOf(invocation: Invocation, index: number) {
  const response = returned(invocation, index) as {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
  };
  return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
}
