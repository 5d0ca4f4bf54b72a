/** Builds the function bundles once per test file into a temp dir and loads them fresh. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BuiltBundles {
  outdir: string;
  bundlePath(name: string): string;
}

export async function buildBundles(policyFile: string): Promise<BuiltBundles> {
  const outdir = mkdtempSync(join(tmpdir(), 'scf-backup-bundles-'));
  const { buildFunctions } = await import('../../esbuild.config.mjs');
  await buildFunctions({ outdir, policyFile });
  return { outdir, bundlePath: (name) => join(outdir, `${name}.js`) };
}

export type MainHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** A fresh module instance: a new container, with its own cold start and configuration. */
export function loadHandler(bundlePath: string): MainHandler {
  delete require.cache[require.resolve(bundlePath)];
  return (require(bundlePath) as { main_handler: MainHandler }).main_handler;
}
