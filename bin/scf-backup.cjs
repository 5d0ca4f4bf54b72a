#!/usr/bin/env node
// The command runs the TypeScript sources directly (tsx), so a fresh clone needs no build step.
require('tsx/cjs');
require('../lib/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
