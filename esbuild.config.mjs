/**
 * Builds one CommonJS bundle per SCF function, exporting `main_handler`, into dist/ — flat, so the
 * handler is `<function>.main_handler` at the root of the code package — and writes the policy
 * file beside them as dist/policy.json (YAML parsed at build time, so no YAML parser ships).
 *
 *   node esbuild.config.mjs [--policy FILE]     (default $SCF_BACKUP_POLICY, else policies/example.yaml)
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import { parse } from 'yaml';

const root = dirname(fileURLToPath(import.meta.url));

/** Loads project TypeScript (through tsx) from this plain-JavaScript config. */
function requireTs(path) {
  const unregister = register();
  try {
    return createRequire(import.meta.url)(path);
  } finally {
    unregister();
  }
}

/** One bundle per function the kinds' descriptors name (lib/targets/functions.ts). */
export const FUNCTIONS = [...requireTs('./lib/targets/functions.ts').FUNCTION_NAMES];

/**
 * The bundles' target is the SCF runtime they run on, read from serverless.yml (`runtime:
 * Nodejs20.19` → `node20.19`), so changing the runtime there keeps the build in step.
 */
export function nodeTarget(serverlessYml = readFileSync(join(root, 'serverless.yml'), 'utf8')) {
  const runtime = parse(serverlessYml)?.provider?.runtime;
  const version = /^Nodejs(\d+\.\d+)$/.exec(String(runtime))?.[1];
  if (!version) throw new Error(`serverless.yml: provider.runtime '${runtime}' is not a NodejsX.Y runtime`);
  return `node${version}`;
}
export const NODE_TARGET = nodeTarget();

/** One options object for every function; only the entry and output differ. */
export const sharedOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: NODE_TARGET,
  minify: true,
  // Source maps make a stack trace in the SCF log point at our TypeScript lines.
  sourcemap: 'linked',
  // The metafile lets tests prove what is (and is not) inside each bundle.
  metafile: true,
  legalComments: 'none',
  // No keepNames: it costs a defineProperty per function at every cold start, and every error
  // class sets its own `name`, which is what logs and reports show.
  keepNames: false,
  logLevel: 'warning',
};

/**
 * The policy's document, read under the project's own caps (size, aliases) and checked by its own
 * rules (TypeScript, run through tsx), secrets left unset.
 */
function readValidPolicy(policyPath) {
  const { readPolicyDocument } = requireTs('./lib/policy/load.ts');
  const { parsePolicyObject } = requireTs('./lib/policy/parse.ts');
  const { withPlaceholders } = requireTs('./lib/policy/placeholder-env.ts');
  const policy = readPolicyDocument(policyPath);
  parsePolicyObject(policy, withPlaceholders(process.env), policyPath);
  return policy;
}

export async function buildFunctions({ outdir = join(root, 'dist'), policyFile } = {}) {
  const policyPath = resolve(root, policyFile ?? process.env.SCF_BACKUP_POLICY ?? 'policies/example.yaml');
  // Parsed and checked here, so a broken policy fails the build, not the function at 2 a.m.; the
  // function checks it again at start with the real environment (${env:…} stays as written).
  const policy = readValidPolicy(policyPath);

  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const results = {};
  for (const name of FUNCTIONS) {
    const result = await build({
      ...sharedOptions,
      absWorkingDir: root,
      entryPoints: [join(root, 'functions', `${name}.ts`)],
      outfile: join(outdir, `${name}.js`),
    });
    writeFileSync(join(outdir, `${name}.meta.json`), JSON.stringify(result.metafile));
    results[name] = result.metafile;
  }
  writeFileSync(join(outdir, 'policy.json'), `${JSON.stringify(policy, null, 2)}\n`);
  return { outdir, metafiles: results, policyPath };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--policy');
  try {
    const { outdir, policyPath } = await buildFunctions({
      policyFile: flag > 0 ? process.argv[flag + 1] : undefined,
    });
    console.log(`built ${FUNCTIONS.length} functions into ${outdir} with policy ${policyPath}`);
  } catch (error) {
    // A policy error lists every issue with its path; a stack trace would only bury them.
    console.error(error.name === 'PolicyError' ? error.message : error);
    process.exitCode = 2;
  }
}
