/**
 * The command as a program: what bin/scf-backup.cjs runs (as TypeScript in the repository) and
 * what the compiled bundle dist-cli/scf-backup.cjs is built from.
 */
import { main } from './main';

// `scf-backup plan | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
