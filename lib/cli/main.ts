/** The `scf-backup` command: dispatch to a subcommand; usage errors exit 2 and change nothing. */
import { runSimCommand } from '../../sim/cli';
import { UsageError } from './args';
import { didYouMean } from '../policy/suggest';
import { MAIN_HELP } from './help';
import { VERSION } from './version';
import { EXIT, processIo, type CliIo } from './io';
import { camPolicyCommand } from './cam-policy-command';
import { deployCommand } from './deploy-command';
import { doctorCommand } from './doctor-command';
import { invokeCommand } from './invoke-command';
import { runCommand } from './run-command';
import { statusCommand } from './status-command';
import { validateCommand } from './validate-command';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  plan: (argv, io) => runCommand('plan', argv, io),
  run: (argv, io) => runCommand('run', argv, io),
  status: statusCommand,
  doctor: doctorCommand,
  'cam-policy': camPolicyCommand,
  invoke: invokeCommand,
  deploy: (argv, io) => deployCommand(argv, io),
  sim: (argv, io) => runSimCommand(argv, { stdout: io.stdout, stderr: io.stderr }),
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_HELP);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`scf-backup ${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(
      `scf-backup: unknown command '${name}'${didYouMean(name, Object.keys(COMMANDS))}\n\n${MAIN_HELP}`,
    );
    return EXIT.badInput;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`scf-backup ${name}: ${error.message}\n(run 'scf-backup ${name} --help')\n`);
      return EXIT.badInput;
    }
    io.stderr(`scf-backup ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
