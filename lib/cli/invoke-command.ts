/**
 * `scf-backup invoke FUNCTION`: loads the BUILT bundle (dist/<function>.js, from `npm run build`)
 * and calls its `main_handler` the way SCF does, with a realistic context and event, then prints
 * what it returns. With --policy the policy is converted to JSON for the bundle to read, as the
 * build does; with --sim every client points at the simulator.
 */
import { didYouMean } from '../policy/suggest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseArgs, parseTimeLimit, stringFlag, UsageError } from './args';
import { EXIT, type CliIo } from './io';
import { consoleEvent, httpEvent, scfContext, timerEvent } from './scf-invocation';
import { openSim } from './sim-env';
import { FUNCTION_NAMES } from '../targets/functions';

const HELP = `Usage: scf-backup invoke FUNCTION [--event timer|console|http|doctor|FILE] [--policy FILE] [--sim [URL]]
                          [--time-limit SEC] [--dist DIR]

Calls a built function bundle (run 'npm run build' first) the way SCF does and prints what it
returns. FUNCTION is one of: ${FUNCTION_NAMES.join(', ')}.

  --event KIND|FILE   timer (default): a timer event at the current time; console: {} as the
                      console's test sends; http: a Function URL request signed with
                      $SCF_BACKUP_WEBHOOK_SECRET; doctor: {"doctor": true}, the checks of
                      'scf-backup doctor' inside the function; FILE: a JSON event of your own
  --policy FILE       the policy the bundle reads (default: the one built into dist/policy.json)
  --sim [URL]         point the function at the simulator (embedded, or the one at URL)
  --time-limit SEC    the function's time limit in the context (default 900, SCF's maximum)
  --dist DIR          where the built bundles are (default dist/)
`;

function eventFor(kind: string, functionName: string, env: CliIo['env']): unknown {
  const now = new Date();
  if (kind === 'timer') return timerEvent(functionName, now);
  if (kind === 'console') return consoleEvent();
  if (kind === 'http') return httpEvent(env.SCF_BACKUP_WEBHOOK_SECRET || env.BACKUP_WEBHOOK_SECRET, {}, now);
  if (kind === 'doctor') return { doctor: true };
  if (!existsSync(kind))
    throw new UsageError(`--event: '${kind}' is not timer, console, http, doctor or a file`);
  return JSON.parse(readFileSync(kind, 'utf8'));
}

/** The bundle reads SCF_BACKUP_POLICY when it names a .json file: convert the YAML for it. */
function policyJson(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'scf-backup-invoke-'));
  const out = join(dir, 'policy.json');
  writeFileSync(out, JSON.stringify(parseYaml(readFileSync(path, 'utf8'))));
  return out;
}

export async function invokeCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    event: { type: 'string' },
    policy: { type: 'string' },
    sim: { type: 'optional' },
    'time-limit': { type: 'string' },
    dist: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (args.flags.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const [functionName, ...extra] = args.positionals;
  if (!functionName) throw new UsageError(`name a function: ${FUNCTION_NAMES.join(', ')}`);
  if (!FUNCTION_NAMES.includes(functionName)) {
    throw new UsageError(
      `unknown function '${functionName}'${didYouMean(functionName, FUNCTION_NAMES)}; ` +
        `one of: ${FUNCTION_NAMES.join(', ')}`,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const timeLimitSec = parseTimeLimit(stringFlag(args, 'time-limit')) ?? 900;
  const bundle = resolve(stringFlag(args, 'dist') ?? 'dist', `${functionName}.js`);
  if (!existsSync(bundle)) {
    io.stderr(`no built bundle at ${bundle}: run 'npm run build' first\n`);
    return EXIT.badInput;
  }

  const sim = await openSim(args.flags.sim, io.env);
  const saved = { ...process.env };
  try {
    const env = { ...(sim?.env ?? io.env) };
    const policy = stringFlag(args, 'policy');
    if (policy) env.SCF_BACKUP_POLICY = policyJson(policy);
    const event = eventFor(stringFlag(args, 'event') ?? 'timer', functionName, env);
    // The bundle reads its configuration from the process environment, as it does on SCF.
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
    Object.assign(process.env, Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)));
    const { main_handler } = require(bundle) as {
      main_handler: (event: unknown, context: unknown) => Promise<unknown>;
    };
    const context = scfContext({
      functionName,
      timeLimitMs: timeLimitSec * 1000,
      region: env.TENCENTCLOUD_REGION ?? 'ap-guangzhou',
    });
    // The function logs to stdout, as SCF collects it; here stdout is for the result alone.
    const consoleLog = console.log;
    console.log = (...parts: unknown[]) => io.stderr(`${parts.map(String).join(' ')}\n`);
    const result = await main_handler(event, context).finally(() => {
      console.log = consoleLog;
    });
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    const report =
      (result as { statusCode?: number; body?: string; totals?: { failed: number }; checklist?: string[] }) ??
      {};
    // A doctor report fails when a check did; a run report when a target did; HTTP on a non-200.
    const failed =
      report.statusCode !== undefined
        ? report.statusCode !== 200
        : report.checklist !== undefined
          ? (result as { status?: string }).status === 'fail'
          : (report.totals?.failed ?? 0) > 0;
    return failed ? EXIT.failed : EXIT.ok;
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await sim?.stop();
  }
}
