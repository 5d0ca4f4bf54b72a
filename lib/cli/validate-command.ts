/** `scf-backup validate`: the policy file checked, each policy shown with its next slot. */
import { PolicyError } from '../policy/errors';
import { loadPolicyFile, policyPath } from '../policy/load';
import { parseCron } from '../schedule/cron';
import { nextSlot } from '../schedule/slots';
import { parseArgs, stringFlag, UsageError } from './args';
import { VALIDATE_HELP } from './help';
import { EXIT, type CliIo } from './io';

export async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { policy: { type: 'string' }, help: { type: 'boolean' } });
  if (args.flags.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const path = stringFlag(args, 'policy') ?? policyPath(io.env);
  try {
    const file = loadPolicyFile(path, io.env);
    io.stdout(`${path}: valid, ${file.policies.length} policies\n`);
    const now = new Date();
    for (const policy of file.policies) {
      const next = nextSlot(parseCron(policy.schedule), now, policy.timezone);
      const state = policy.enabled ? `next ${next?.toISOString() ?? 'never'}` : 'disabled';
      io.stdout(
        `  ${policy.name.padEnd(24)} ${policy.kind.padEnd(15)} '${policy.schedule}' ${policy.timezone}  ${state}\n`,
      );
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PolicyError) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
