/**
 * `npm run package`: the SCF code package, made by the real `serverless package` (v3 +
 * serverless-tencent-scf), offline, at .serverless/scf-backup.zip.
 *
 *   node scripts/package.mjs [--policy FILE] [serverless options…]
 *
 * SCF handlers are `<file>.main_handler` naming a file at the ROOT of the zip, but Serverless zips
 * paths relative to the service directory, which must hold the config file (v3 refuses a --config
 * elsewhere: NESTED_CUSTOM_CONFIGURATION_PATH). So the build is written into a fresh staging
 * directory together with a copy of serverless.yml, and Serverless packages that directory. The
 * staging build is the same buildFunctions() as `npm run build` (same options, same policy), but
 * it never rewrites dist/ under tests that are reading it. The stage sits in .serverless/ (ignored
 * by git, eslint and prettier) rather than the system temp directory, so the source maps name
 * their sources by short relative paths (../../lib/…), not by this machine's absolute paths.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFunctions } from '../esbuild.config.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

/** Keeps Serverless v3 offline and non-interactive; the preload does the same for the plugin. */
const OFFLINE_ENV = {
  SLS_TELEMETRY_DISABLED: '1', // no telemetry stored or sent (v3 batches it and sends later)
  SLS_NOTIFICATIONS_MODE: 'off', // no "new version" / backend notifications
  SLS_GEO_LOCATION: 'no-cn', // never hand a China-locale machine to the retired Tencent CLI
};

function parseArgs(argv) {
  const at = argv.indexOf('--policy');
  if (at === -1) return { policyFile: undefined, slsArgs: argv };
  return { policyFile: argv[at + 1], slsArgs: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

function runServerless(serviceDir, slsArgs) {
  const bin = require.resolve('serverless/bin/serverless.js');
  const preload = join(root, 'scripts', 'no-telemetry.cjs');
  // stdin ignored: no TTY, so Serverless can never stop to ask anything (login, setup).
  return spawnSync(process.execPath, ['-r', preload, bin, 'package', ...slsArgs], {
    cwd: serviceDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...OFFLINE_ENV },
  });
}

async function main() {
  const { policyFile, slsArgs } = parseArgs(process.argv.slice(2));
  const outDir = join(root, '.serverless');
  mkdirSync(outDir, { recursive: true });
  // A failed run must not leave an older zip looking like its result.
  for (const name of readdirSync(outDir)) if (name.endsWith('.zip')) rmSync(join(outDir, name));
  const stage = mkdtempSync(join(outDir, 'stage-'));
  try {
    const { policyPath } = await buildFunctions({ outdir: stage, policyFile });
    copyFileSync(join(root, 'serverless.yml'), join(stage, 'serverless.yml'));
    const result = runServerless(stage, slsArgs);
    if (result.error) throw result.error;
    if (result.status !== 0) {
      console.error(`serverless package failed (exit ${result.status ?? result.signal})`);
      return result.status || 1;
    }
    for (const name of readdirSync(join(stage, '.serverless'))) {
      copyFileSync(join(stage, '.serverless', name), join(outDir, name));
      const size = statSync(join(outDir, name)).size;
      console.log(`${relative(root, join(outDir, name))}  ${(size / 1024).toFixed(1)} KiB`);
    }
    console.log(`packaged with policy ${relative(root, policyPath)}`);
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

process.exitCode = await main();
