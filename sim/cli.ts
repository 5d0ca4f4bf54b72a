/**
 * `scf-backup sim [--port N] [--seed FILE] [--json] [--no-rate-limits]`: runs the simulator in
 * the foreground until SIGINT/SIGTERM. With `--json` stdout carries exactly one line (the
 * contract's shape) so scripts can read the URL and keys; otherwise a short text for people.
 */
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from './index';
import { loadSeedFile } from './seed';
import type { SimSeed } from './types';

export interface SimCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Stops the simulator like a signal would (tests; the command itself listens for signals). */
  signal?: AbortSignal;
}

const DEFAULT_PORT = 4566;

export const SIM_USAGE = `Usage: scf-backup sim [--port N] [--seed FILE] [--json] [--no-rate-limits]

Runs the local cloud simulator (Tencent CBS/CDB/TKE and Huawei DWS/GaussDB) on 127.0.0.1
until interrupted.

  --port N            port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --seed FILE         YAML or JSON seed (default sim/example-seed.yaml)
  --json              print one JSON line {url, tencent, huawei} and nothing else
  --no-rate-limits    do not enforce the APIs' documented request rates
  --help              this text
`;

interface SimArgs {
  port: number;
  seed: string;
  json: boolean;
  rateLimits: boolean;
  help: boolean;
}

class SimUsageError extends Error {}

function parseArgs(argv: readonly string[]): SimArgs {
  const args: SimArgs = {
    port: DEFAULT_PORT,
    seed: EXAMPLE_SEED_PATH,
    json: false,
    rateLimits: true,
    help: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new SimUsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') {
      const text = value();
      const port = Number(text);
      if (!/^\d+$/.test(text) || port > 65535)
        throw new SimUsageError(`--port must be 0-65535, not '${text}'`);
      args.port = port;
    } else if (flag === '--seed') args.seed = value();
    else if (flag === '--json' && inline === undefined) args.json = true;
    else if (flag === '--no-rate-limits' && inline === undefined) args.rateLimits = false;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new SimUsageError(`unknown argument '${arg}'`);
  }
  return args;
}

function humanText(sim: RunningSimulator, args: SimArgs): string {
  const c = sim.credentials;
  return `scf-backup simulator on ${sim.url} (seed ${args.seed}; rate limits ${args.rateLimits ? 'on' : 'off'})

Point the clients at it:
  export TENCENTCLOUD_ENDPOINT=${sim.url}
  export TENCENTCLOUD_SECRETID=${c.tencent.secretId}
  export TENCENTCLOUD_SECRETKEY=${c.tencent.secretKey}
  export HUAWEICLOUD_ENDPOINT=${sim.url}
  export HUAWEICLOUD_SDK_AK=${c.huawei.ak}
  export HUAWEICLOUD_SDK_SK=${c.huawei.sk}
${Object.keys(c.huawei.projects).length > 1 ? '  (Huawei project ids are discovered per region through IAM)' : `  export HUAWEICLOUD_SDK_PROJECT_ID=${c.huawei.projectId}`}

Inspect: GET ${sim.url}/_sim/state, GET ${sim.url}/_sim/stats; faults: POST ${sim.url}/_sim/faults
Ctrl-C stops it.
`;
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (signal?.aborted) done();
    else signal?.addEventListener('abort', done);
  });
}

const processIo: SimCommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export async function runSimCommand(argv: string[], io: SimCommandIo = processIo): Promise<number> {
  let args: SimArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof SimUsageError)) throw error;
    io.stderr(`scf-backup sim: ${error.message}\n\n${SIM_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(SIM_USAGE);
    return 0;
  }
  let seed: SimSeed;
  try {
    seed = loadSeedFile(args.seed);
  } catch (error) {
    io.stderr(`scf-backup sim: ${(error as Error).message}\n`);
    return 2;
  }
  let sim: RunningSimulator;
  try {
    sim = await startSimulator({ port: args.port, seed, rateLimits: args.rateLimits });
  } catch (error) {
    // Usually the port is taken: a failure to run (1), not bad input.
    io.stderr(`scf-backup sim: could not start: ${(error as Error).message}\n`);
    return 1;
  }
  const c = sim.credentials;
  io.stdout(
    args.json
      ? `${JSON.stringify({ url: sim.url, tencent: c.tencent, huawei: c.huawei })}\n`
      : humanText(sim, args),
  );
  await untilStopped(io.signal);
  await sim.stop();
  return 0;
}
