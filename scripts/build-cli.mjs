/**
 * Compiles the `scf-backup` command to one CommonJS file, dist-cli/scf-backup.cjs, so it runs on
 * a production install without tsx: `npm ci --omit=dev && node dist-cli/scf-backup.cjs validate`.
 * Run by npm at `prepare` (and by bin/scf-backup.cjs if scripts were skipped). esbuild is a
 * runtime dependency for this reason. Only `dependencies` may end up inside: a test checks it.
 *
 *   node scripts/build-cli.mjs [--outfile FILE]
 */
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const CLI_BUNDLE = join(root, 'dist-cli', 'scf-backup.cjs');

export async function buildCli({ outfile = CLI_BUNDLE } = {}) {
  const result = await build({
    entryPoints: [join(root, 'lib', 'cli', 'entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // The oldest Node the package supports (package.json engines).
    target: 'node18.15',
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node' },
  });
  return { outfile, metafile: result.metafile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--outfile');
  await buildCli(at > 0 ? { outfile: resolve(process.argv[at + 1]) } : {});
}
