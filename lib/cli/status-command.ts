/**
 * `scf-backup status`: is every selected resource protected? Read-only (listing calls only).
 * Exit 0 when every resource is fresh (or in progress, or a present repository), 1 when any is
 * stale, never backed up, failed or missing, or a policy could not be checked; 2 for bad input.
 */
import { writeFileSync } from 'node:fs';
import { InvalidEndpointError } from '../cloud/credentials';
import { createCloudClients } from '../cloud/clients';
import { MissingCredentialsError } from '../errors/cloud-error';
import { PolicyError } from '../policy/errors';
import { selectPolicies } from '../policy/load';
import { loadCliPolicy } from './cli-policy';
import { cliPolicyPath } from './policy-path';
import { UNPROTECTED } from '../protection/verdict';
import { collectStatus } from '../status/collect';
import { renderStatusHtml } from '../status/html';
import { formatStatus } from '../status/text';
import { parseArgs, parseNow, parseOnly, stringFlag, UsageError } from './args';
import { STATUS_HELP } from './help';
import { EXIT, type CliIo } from './io';
import { openSim } from './sim-env';

const FLAGS = {
  policy: { type: 'string' },
  only: { type: 'string' },
  now: { type: 'string' },
  sim: { type: 'optional' },
  json: { type: 'boolean' },
  html: { type: 'string' },
  help: { type: 'boolean' },
} as const;

export async function statusCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(STATUS_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const now = parseNow(stringFlag(args, 'now')) ?? new Date();
  const only = parseOnly(stringFlag(args, 'only'));
  const htmlPath = stringFlag(args, 'html');
  if (htmlPath === '') throw new UsageError('--html needs a file name');
  const sim = await openSim(args.flags.sim, io.env);
  try {
    const env = sim?.env ?? io.env;
    // status sends no alerts: unset alert variables are warnings here, as for plan and run.
    const path = cliPolicyPath(stringFlag(args, 'policy'), env);
    const { file, warnings } = loadCliPolicy(path, env, { now, alertVariables: 'warn' });
    const policies = selectPolicies(file, only);
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    const clients = createCloudClients(env, { clouds: policies.map((p) => p.kind) });
    const report = await collectStatus({ policies, settings: file.protection, clients, now });
    if (htmlPath) writeFileSync(htmlPath, renderStatusHtml(report));
    io.stdout(args.flags.json === true ? `${JSON.stringify(report)}\n` : `${formatStatus(report)}\n`);
    const unprotected = report.policies.some(
      (p) => p.error !== undefined || p.resources.some((r) => UNPROTECTED.has(r.verdict)),
    );
    return unprotected ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (
      error instanceof PolicyError ||
      error instanceof MissingCredentialsError ||
      error instanceof InvalidEndpointError ||
      error instanceof UsageError
    ) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  } finally {
    await sim?.stop();
  }
}
