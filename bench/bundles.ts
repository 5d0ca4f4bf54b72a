/**
 * Function bundles: size, and cold load time against bare `node -e 0` (issue 5: goal ≤ 150 KB
 * and ≤ 1.2×). For comparison, the same figures for a minimal function on the official SDK's
 * CBS client (`tencentcloud-sdk-nodejs`), which the issue puts at about 545 KB and 1.7×.
 * Prints, never asserts.
 *
 *   npx tsx bench/bundles.ts [--runs 15]
 *
 * A cold load is what SCF pays on a cold start before the handler runs: a fresh process that
 * requires the bundle. Each sample spawns `node -e "require(<bundle>)"`; the baseline spawns
 * `node -e 0`. Samples interleave the variants, so drift in the machine's load hits all alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..');
const SIZE_GOAL_BYTES = 150 * 1024;
const LOAD_GOAL_RATIO = 1.2;

/** What a function on the SDK would ship: the CBS client, constructed and called by the handler. */
const SDK_ENTRY = `
const { cbs } = require('tencentcloud-sdk-nodejs/tencentcloud/services/cbs');
exports.main_handler = async (event) => {
  const client = new cbs.v20170312.Client({
    credential: {
      secretId: process.env.TENCENTCLOUD_SECRETID,
      secretKey: process.env.TENCENTCLOUD_SECRETKEY,
      token: process.env.TENCENTCLOUD_SESSIONTOKEN,
    },
    region: process.env.TENCENTCLOUD_REGION,
  });
  return client.CreateDiskBackup({ DiskId: event.diskId, DiskBackupName: event.name });
};
`;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * One fresh Node process running `script`: its wall time seen from here, and what the script
 * printed (the bundles' scripts print how long the `require` itself took, in ms).
 */
function coldRun(script: string): { wallMs: number; requireMs: number } {
  const startedNs = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - startedNs) / 1e6;
  if (result.status !== 0) throw new Error(`node -e ${script} failed: ${result.stderr.toString()}`);
  return { wallMs, requireMs: Number(result.stdout.toString().trim() || '0') };
}

/** `require(file)` timed from inside the process: the part of a cold start the bundle adds. */
const requireScript = (file: string) =>
  `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); ` +
  `process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6))`;

interface Variant {
  name: string;
  /** Absent for the baseline. */
  file?: string;
  script: string;
  wallMs: number[];
  requireMs: number[];
}

async function buildAll(outdir: string): Promise<Variant[]> {
  const { buildFunctions, FUNCTIONS, sharedOptions } = await import('../esbuild.config.mjs');
  await buildFunctions({ outdir });
  const sdkFile = join(outdir, 'sdk-cbs.js');
  // The project's own build options, so the only difference is the client inside.
  await build({
    ...sharedOptions,
    metafile: false,
    absWorkingDir: ROOT,
    stdin: { contents: SDK_ENTRY, resolveDir: ROOT, sourcefile: 'sdk-cbs-function.js', loader: 'js' },
    outfile: sdkFile,
  });
  const variant = (name: string, file: string): Variant => ({
    name,
    file,
    script: requireScript(file),
    wallMs: [],
    requireMs: [],
  });
  return [
    { name: 'node -e 0', script: '0', wallMs: [], requireMs: [] },
    ...FUNCTIONS.map((fn) => variant(fn, join(outdir, `${fn}.js`))),
    variant('official SDK, CBS client', sdkFile),
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

async function main(): Promise<void> {
  const runs = option('--runs', 15);
  const outdir = mkdtempSync(join(tmpdir(), 'scf-backup-bench-bundles-'));
  try {
    const variants = await buildAll(outdir);
    for (const variant of variants) coldRun(variant.script); // warm the disk cache once
    for (let i = 0; i < runs; i += 1) {
      for (const variant of variants) {
        const { wallMs, requireMs } = coldRun(variant.script);
        variant.wallMs.push(wallMs);
        variant.requireMs.push(requireMs);
      }
    }
    const bareMs = median(variants[0]?.wallMs ?? []);
    const rows = [
      ['bundle', 'bytes', 'KB', 'size goal', 'cold ms (median)', 'vs node -e 0', 'load goal', 'require ms'],
    ];
    for (const variant of variants) {
      const loadMs = median(variant.wallMs);
      const ratio = loadMs / bareMs;
      const bytes = variant.file ? statSync(variant.file).size : undefined;
      rows.push([
        variant.name,
        bytes === undefined ? '' : String(bytes),
        bytes === undefined ? '' : (bytes / 1024).toFixed(1),
        bytes === undefined ? '' : bytes <= SIZE_GOAL_BYTES ? 'ok' : 'OVER',
        loadMs.toFixed(1),
        `${ratio.toFixed(2)}×`,
        variant.file ? (ratio <= LOAD_GOAL_RATIO ? 'ok' : 'OVER') : '',
        variant.file ? median(variant.requireMs).toFixed(1) : '',
      ]);
    }
    console.log(
      `${runs} cold loads per bundle, interleaved, node ${process.version}; goals ≤ ${SIZE_GOAL_BYTES / 1024} KB and ≤ ${LOAD_GOAL_RATIO}×\n`,
    );
    console.log(table(rows));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
