#!/usr/bin/env node
// In the repository (dev dependencies installed) the command runs the TypeScript sources through
// tsx, so no build step is needed. In a production install (`npm ci --omit=dev`, no tsx) it runs
// the compiled bundle dist-cli/scf-backup.cjs, which `npm ci`/`npm install` build at `prepare`
// (scripts/build-cli.mjs); if scripts were skipped, it is built here on first use.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

function hasModule(name) {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

if (hasModule('tsx/cjs')) {
  require('tsx/cjs');
  require('../lib/cli/entry.ts');
} else {
  const bundle = join(__dirname, '..', 'dist-cli', 'scf-backup.cjs');
  if (!existsSync(bundle))
    require('child_process').execFileSync(
      process.execPath,
      [join(__dirname, '..', 'scripts', 'build-cli.mjs')],
      { stdio: 'inherit' },
    );
  require(bundle);
}
