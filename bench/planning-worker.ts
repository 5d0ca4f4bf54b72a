/**
 * One planning run in its own process, so its peak memory is its own: a dry run (discover, list,
 * decide) of a cbs-disk policy over every disk of the simulator named by the environment.
 * Prints one JSON line: {disks, ms, peakRssMb, peakHeapMb, liveHeapMb} (live: after a GC, with --expose-gc).
 */
import { createCloudClients } from '../lib/cloud/clients';
import { runBackups } from '../lib/engine/run';
import { parsePolicyText } from '../lib/policy/load';
import { createThrottle } from '../lib/throttle/throttle';
import { TARGETS } from '../lib/targets/registry';

const POLICY = `version: 1
policies:
  - name: bulk-disks
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    regions: [ap-guangzhou]
    select: { tags: { backup: bulk } }
    retention: { keepLast: 7 }
`;

async function main() {
  const env = process.env;
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  // Rate limits are off on both sides: this measures our planning cost, not the clouds' quotas.
  const throttle = createThrottle({ rates: { 'cbs.DescribeDisks': 1e9, 'cbs.DescribeDiskBackups': 1e9 } });
  const started = performance.now();
  const report = await runBackups({
    registry: TARGETS,
    file: parsePolicyText(POLICY, env),
    request: { trigger: 'cli', dryRun: true, force: true, now: new Date() },
    clients: createCloudClients(env, { clouds: ['cbs-disk'], throttle }),
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const disks = report.policies[0]?.targets.length ?? 0;
  // What the plan and report really hold, once the garbage of the listing calls is gone.
  (globalThis as { gc?: () => void }).gc?.();
  const liveHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ disks, ms, peakRssMb, peakHeapMb: peakHeap / 2 ** 20, liveHeapMb }));
  if (report.policies.length === 0) console.error(report);
}

void main();
