/**
 * Planning cost (issue 6), printed: a dry run over 1,000 / 10,000 / 100,000 disks with rate
 * limits off, each in a fresh process so its time and peak memory are its own. Goal: under
 * 256 MB peak at 100,000 and linear growth.
 *
 *   npx tsx bench/planning.ts [--sizes 1000,10000,100000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disksSeed, formatTable, startSimChild } from './sim-child';

const sizesArg = process.argv.includes('--sizes')
  ? process.argv[process.argv.indexOf('--sizes') + 1]
  : undefined;
const SIZES = (sizesArg ?? '1000,10000,100000').split(',').map(Number);

interface WorkerResult {
  disks: number;
  ms: number;
  peakRssMb: number;
  peakHeapMb: number;
  liveHeapMb: number;
}

function baselineRssMb(): number {
  const out = execFileSync(process.execPath, ['-e', 'console.log(process.resourceUsage().maxRSS / 1024)']);
  return Number(out.toString().trim());
}

/** The worker runs as our code ships: one esbuild bundle on plain node, no TypeScript loader. */
async function bundleWorker(): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(mkdtempSync(join(tmpdir(), 'scf-backup-planning-')), 'planning-worker.js');
  await build({
    entryPoints: [join(__dirname, 'planning-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * V8 sizes its heap from the machine's memory, not the function's: left alone it lets garbage
 * pile up far past what a 256 MB function has. serverless.yml therefore sets NODE_OPTIONS to
 * cap the old space at 3/4 of the function's memory; the second row of each size runs that way.
 */
const HEAP_CAPS = [
  { label: 'V8 defaults', flags: [] as string[] },
  { label: 'as deployed (256 MB)', flags: ['--max-old-space-size=192'] },
];

async function main() {
  const rows = [];
  const baseline = baselineRssMb();
  const worker = await bundleWorker();
  for (const size of SIZES) {
    const sim = await startSimChild({ seed: disksSeed(size), rateLimits: false });
    try {
      for (const cap of HEAP_CAPS) {
        const out = execFileSync(process.execPath, [...cap.flags, '--expose-gc', worker], {
          cwd: join(__dirname, '..'),
          env: { ...process.env, ...sim.env },
          maxBuffer: 1 << 20,
        });
        const result = JSON.parse(out.toString().trim().split('\n').at(-1) as string) as WorkerResult;
        rows.push({
          disks: size,
          heap: cap.label,
          planned: result.disks,
          'time s': (result.ms / 1000).toFixed(2),
          'µs / disk': ((result.ms * 1000) / size).toFixed(1),
          'peak RSS MB': result.peakRssMb.toFixed(0),
          'peak heap MB': result.peakHeapMb.toFixed(0),
          'live heap MB': result.liveHeapMb.toFixed(0),
        });
      }
    } finally {
      await sim.stop();
    }
  }
  console.log(`planning cost, rate limits off (idle worker process: ${baseline.toFixed(0)} MB RSS):`);
  console.log(formatTable(rows));
}

void main();
