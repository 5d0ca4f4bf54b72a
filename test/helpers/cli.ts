/** The `scf-backup` command driven in-process, with its output captured. */
import { main } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], env: CliIo['env'] = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    isTty: false,
  });
  return { code, stdout, stderr };
}
