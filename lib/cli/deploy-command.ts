/** `scf-backup deploy`: the packaged functions onto SCF through the SCF API, idempotently. */
import { resolve } from 'node:path';
import { InvalidEndpointError, loadTencentCredentials, loadTencentEndpoint } from '../cloud/credentials';
import { MissingCredentialsError } from '../errors/cloud-error';
import { createTencentClient } from '../cloud/tencent';
import { deploy, plainKeysDeployed } from '../deploy/deploy';
import { DeployConflictError, DeployInputError } from '../deploy/errors';
import { PolicyError } from '../policy/errors';
import { parseArgs, stringFlag, UsageError } from './args';
import { deployJson, formatDeploy } from './deploy-table';
import { DEPLOY_HELP } from './help';
import { EXIT, type CliIo } from './io';
import { openSim } from './sim-env';

const FLAGS = {
  zip: { type: 'string' },
  region: { type: 'string' },
  stage: { type: 'string' },
  only: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  sim: { type: 'optional' },
  help: { type: 'boolean' },
} as const;

export const DEFAULT_ZIP = '.serverless/scf-backup.zip';
/** Read from the directory deploy runs in (npm runs scripts in the package's own). */
export const SERVERLESS_CONFIG = 'serverless.yml';

function parseFunctions(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--only needs at least one function name');
  return names;
}

export async function deployCommand(argv: string[], io: CliIo, cwd = process.cwd()): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(DEPLOY_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const only = parseFunctions(stringFlag(args, 'only'));

  const sim = await openSim(args.flags.sim, io.env);
  try {
    const env = sim?.env ?? io.env;
    const report = await deploy({
      configPath: resolve(cwd, SERVERLESS_CONFIG),
      zipPath: resolve(cwd, stringFlag(args, 'zip') ?? DEFAULT_ZIP),
      region: stringFlag(args, 'region'),
      stage: stringFlag(args, 'stage'),
      only,
      dryRun: args.flags['dry-run'] === true,
      env,
      caller: () =>
        createTencentClient({ credentials: loadTencentCredentials(env), endpoint: loadTencentEndpoint(env) }),
    });
    io.stdout(
      args.flags.json === true
        ? `${JSON.stringify(deployJson(report), null, 2)}\n`
        : `${formatDeploy(report)}\n`,
    );
    const viaSecret = report.functions.find((f) => f.plan.variables.HUAWEICLOUD_SDK_SECRET_NAME);
    const withheld = ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'].filter((name) => env[name]?.trim());
    if (viaSecret && withheld.length > 0) {
      io.stderr(
        `note: ${withheld.join(', ')} not sent: the functions read the Huawei keys from the SSM secret ` +
          `"${viaSecret.plan.variables.HUAWEICLOUD_SDK_SECRET_NAME}" (docs/deploy.md "Secrets at rest")\n`,
      );
    }
    const plain = plainKeysDeployed(report);
    if (plain.length > 0) {
      io.stderr(
        `warning: ${plain.join(', ')} ${report.dryRun ? 'would be' : 'are'} stored as plain function variables: ` +
          'anyone allowed scf:GetFunction on these functions can read them (SCF has no encrypted variables). ' +
          'Give that Huawei IAM user only the huaweiIam policy of cam-policy, and rotate its keys ' +
          '(docs/deploy.md "Secrets at rest")\n',
      );
    }
    return report.functions.some((f) => f.error) ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (
      error instanceof DeployInputError ||
      error instanceof PolicyError ||
      error instanceof MissingCredentialsError ||
      error instanceof InvalidEndpointError
    ) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    if (error instanceof DeployConflictError) {
      io.stderr(`${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  } finally {
    await sim?.stop();
  }
}
