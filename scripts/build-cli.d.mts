import type { Metafile } from 'esbuild';

/** dist-cli/scf-backup.cjs in the repository. */
export declare const CLI_BUNDLE: string;
export declare function buildCli(options?: {
  outfile?: string;
}): Promise<{ outfile: string; metafile: Metafile }>;
