/** `scf-backup doctor`: the first contact with an account, as a checklist. */
import { InvalidEndpointError, InvalidSettingError } from '../cloud/credentials';
import { formatChecklist } from '../doctor/checklist';
import { runDoctor } from '../doctor/run';
import { PolicyError } from '../policy/errors';
import { loadPolicyFile, selectPolicies } from '../policy/load';
import { cliPolicyPath } from './policy-path';
import { parseArgs, parseOnly, stringFlag, UsageError } from './args';
import { DOCTOR_HELP } from './help';
import { EXIT, type CliIo } from './io';
import { openSim } from './sim-env';

const FLAGS = {
  policy: { type: 'string' },
  only: { type: 'string' },
  sim: { type: 'optional' },
  json: { type: 'boolean' },
  'send-test-alert': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

export async function doctorCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (args.flags.help) {
    io.stdout(DOCTOR_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const only = parseOnly(stringFlag(args, 'only'));
  const sim = await openSim(args.flags.sim, io.env);
  try {
    const env = sim?.env ?? io.env;
    const file = loadPolicyFile(cliPolicyPath(stringFlag(args, 'policy'), env), env);
    const report = await runDoctor({
      file,
      policies: selectPolicies(file, only),
      env,
      sendTestAlert: args.flags['send-test-alert'] === true,
    });
    io.stdout(
      args.flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : `${formatChecklist(report)}\n`,
    );
    return report.status === 'ok' ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (
      error instanceof PolicyError ||
      error instanceof InvalidEndpointError ||
      error instanceof InvalidSettingError ||
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
