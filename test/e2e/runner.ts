/**
 * The "container" of the end-to-end tests, run as its own Node process (bundled by esbuild in
 * bundles.ts, never imported by a test): it requires one BUILT function bundle, as SCF's Node.js
 * runtime does, and calls its `main_handler` with each event of a job in turn (one warm
 * container serving several invocations), each with a fresh SCF context.
 *
 * Everything the function prints goes to stdout untouched: that is its log, as SCF collects it.
 * What each invocation returned or threw goes to the job's result file instead.
 *
 *   node e2e-runner.cjs JOB.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { scfContext } from '../../lib/cli/scf-invocation';

export interface RunnerJob {
  bundle: string;
  functionName: string;
  region: string;
  timeLimitMs: number;
  events: unknown[];
  resultFile: string;
}

/** A thrown error as SCF would record it: everything of it that could end up in a log. */
export interface ThrownError {
  name: string;
  message: string;
  stack: string;
  /** `name: message` of each `cause`, outermost first. */
  causes: string[];
  /** util.inspect at full depth: stack, cause chain, AggregateError members and own fields. */
  inspected: string;
}

export type InvocationResult =
  | { ok: true; value: unknown; requestId: string; durationMs: number }
  | { ok: false; error: ThrownError; requestId: string; durationMs: number };

function describeError(error: unknown): ThrownError {
  const causes: string[] = [];
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause !== undefined && causes.length < 20) {
    causes.push(cause instanceof Error ? `${cause.name}: ${cause.message}` : inspect(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  const base = error instanceof Error ? error : new Error(String(error));
  return {
    name: base.name,
    message: base.message,
    stack: base.stack ?? '',
    causes,
    inspected: inspect(error, { depth: Infinity }),
  };
}

type MainHandler = (event: unknown, context: unknown) => Promise<unknown>;

async function main(): Promise<void> {
  const jobFile = process.argv[2];
  if (!jobFile) throw new Error('usage: e2e-runner JOB.json');
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as RunnerJob;
  const { main_handler } = require(job.bundle) as { main_handler: MainHandler };
  const results: InvocationResult[] = [];
  for (const event of job.events) {
    const context = scfContext({
      functionName: job.functionName,
      timeLimitMs: job.timeLimitMs,
      region: job.region,
    });
    const requestId = context.request_id ?? '';
    const startedMs = Date.now();
    try {
      const value = await main_handler(event, context);
      results.push({ ok: true, value, requestId, durationMs: Date.now() - startedMs });
    } catch (error) {
      results.push({ ok: false, error: describeError(error), requestId, durationMs: Date.now() - startedMs });
    }
  }
  writeFileSync(job.resultFile, JSON.stringify(results));
}

// SCF freezes the container once the handler's promise settles; it does not wait for idle
// keep-alive sockets, so neither does this. (stdout is a pipe: synchronous on Linux.)
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`e2e runner: ${inspect(error)}\n`);
    process.exit(70);
  },
);
