/** `scf-backup plan` and `scf-backup run`. */
import { InvalidEndpointError } from '../cloud/credentials';
import { MissingCredentialsError } from '../errors/cloud-error';
import { createCloudClients } from '../cloud/clients';
import { channelSecrets, createRedactor, secretsFromEnv } from '../alerts/redact';
import { createLogger, silentLogger, type Logger } from '../engine/log';
import { RunInputError, runBackups } from '../engine/run';
import { PolicyError } from '../policy/errors';
import { selectPolicies } from '../policy/load';
import { loadCliPolicy } from './cli-policy';
import { parseArgs, parseNow, parseOnly, parseTimeLimit, stringFlag, UsageError } from './args';
import { RUN_HELP } from './help';
import { EXIT, type CliIo } from './io';
import { cliPolicyPath } from './policy-path';
import { openSim } from './sim-env';
import { createProgressBar, createProgressLines } from './progress';
import { formatSummary } from './summary';
import { TARGETS } from '../targets/registry';
import { paintFor } from './colour';

const FLAGS = {
  policy: { type: 'string' },
  only: { type: 'string' },
  now: { type: 'string' },
  sim: { type: 'optional' },
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  'time-limit': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function timeLimitMs(value: string | undefined): number | undefined {
  const seconds = parseTimeLimit(value);
  return seconds === undefined ? undefined : seconds * 1000;
}

export async function runCommand(command: 'plan' | 'run', argv: string[], rawIo: CliIo): Promise<number> {
  // Everything printed goes through the one redactor: cloud keys, the trigger's secret, and the
  // alert channels' secrets once the policy is read.
  const redact = createRedactor(secretsFromEnv(rawIo.env));
  const io: CliIo = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(redact(text)),
    stderr: (text) => rawIo.stderr(redact(text)),
  };
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(RUN_HELP(command));
    return EXIT.ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const now = parseNow(stringFlag(args, 'now'));
  // A run as of a future instant makes backups named for slots to come and prunes by ages not yet
  // reached, on real resources. plan only reads; a simulator's backups are nobody's.
  if (command === 'run' && now && now.getTime() > Date.now() && args.flags.sim === undefined) {
    throw new UsageError(
      `--now: ${now.toISOString()} is in the future; run refuses it (it would create backups for slots to come and prune by their ages): use plan, or --sim`,
    );
  }
  const only = parseOnly(stringFlag(args, 'only'));
  const limitMs = timeLimitMs(stringFlag(args, 'time-limit'));
  const json = args.flags.json === true;

  const sim = await openSim(args.flags.sim, io.env);
  try {
    const env = sim?.env ?? io.env;
    const runNow = now ?? new Date();
    const path = cliPolicyPath(stringFlag(args, 'policy'), env);
    redact.add(secretsFromEnv(env));
    // The CLI sends no alerts: unset alert variables are warnings here, not errors.
    const { file, warnings } = loadCliPolicy(path, env, { now: runNow, alertVariables: 'warn' });
    redact.add(Object.values(file.alerts).flatMap(channelSecrets));
    const policies = selectPolicies(file, only);
    const zones = new Map(file.policies.map((p) => [p.name, p.timezone]));
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    // --verbose: the JSON log lines (with the clouds' request ids) on stderr, as a function logs.
    const log: Logger =
      args.flags.verbose === true
        ? createLogger({ write: (line) => io.stderr(`${line}\n`), redactor: redact })
        : silentLogger;
    const clients = createCloudClients(env, { clouds: policies.map((p) => p.kind), log });
    const startedMs = Date.now();
    // A bar on a terminal; otherwise plain lines, and only once the run has been quiet a while.
    // --verbose writes log lines of its own.
    const verbose = args.flags.verbose === true;
    const progress = verbose
      ? undefined
      : io.isTty && !json
        ? createProgressBar(io.stderr)
        : !io.isTty
          ? createProgressLines(io.stderr, io.progressEveryMs)
          : undefined;
    const report = await runBackups({
      registry: TARGETS,
      file,
      request: {
        trigger: 'cli',
        policies: only,
        dryRun: command === 'plan',
        force: args.flags.force === true,
        now: runNow,
      },
      policies,
      clients,
      log,
      onProgress: progress ? (finished, planned) => progress.update(finished, planned) : undefined,
      deadlineMs: limitMs === undefined ? undefined : startedMs + limitMs,
    }).finally(() => progress?.done());
    io.stdout(
      json
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${formatSummary(report, { zones, paint: paintFor(io.env, io.stdoutIsTty ?? false) })}\n`,
    );
    // A run cut short by --time-limit has not done everything asked for: not 0.
    if (report.status === 'continued')
      io.stderr('continued: the time limit was reached; run again to finish\n');
    return report.totals.failed > 0 || report.status === 'continued' ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (
      error instanceof PolicyError ||
      error instanceof RunInputError ||
      error instanceof MissingCredentialsError ||
      error instanceof InvalidEndpointError ||
      error instanceof UsageError
    ) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    // main() prints it: without the secrets.
    if (error instanceof Error) error.message = redact(error.message);
    throw error;
  } finally {
    await sim?.stop();
  }
}
