/**
 * `npm run bench`: every benchmark in turn, each printing its own figures. None asserts: they
 * measure, and the figures go in the README and the issue notes. Pass a name to run one:
 *   npm run bench -- planning
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = {
  'sim-throughput': 'simulator throughput for signed requests (rate limits off)',
  bundles: 'function bundle sizes and cold load time against bare node',
  planning: 'planning cost for 1,000 / 10,000 / 100,000 disks',
  'engine-throughput': 'quota-speed execution against naive baselines (takes several minutes)',
} as const;

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const [name, what] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n=== ${name}: ${what}\n`);
  execFileSync(process.execPath, ['-r', 'tsx/cjs', join(__dirname, `${name}.ts`)], { stdio: 'inherit' });
}
