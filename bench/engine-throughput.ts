/**
 * Quota-speed execution (issue 6), printed, never asserted. Against the simulator with strict
 * rate limits and 50 ms latency per call:
 *   - a 2,000-disk policy: our engine beside two naive baselines (a sequential loop, and
 *     unbounded concurrency with retry-on-throttle): wall time, achieved create rate as a
 *     fraction of CBS CreateDiskBackup's 20/s, throttled answers received;
 *   - a 200-instance CDB policy at CreateBackup's 5/s, one backup per instance at a time.
 *
 *   npx tsx bench/engine-throughput.ts [--disks 2000] [--instances 200] [--latency 50] [--only ours]
 */
import { createCloudClients } from '../lib/cloud/clients';
import { CloudError } from '../lib/errors/cloud-error';
import type { TencentCaller } from '../lib/cloud/types';
import { runBackups } from '../lib/engine/run';
import { httpRequest } from '../lib/http/request';
import type { HttpTransport } from '../lib/http/types';
import { parsePolicyText } from '../lib/policy/load';
import { createThrottle } from '../lib/throttle/throttle';
import { disksSeed, formatTable, startSimChild, type SimChild } from './sim-child';
import { TARGETS } from '../lib/targets/registry';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const DISKS = option('--disks', 2000);
const INSTANCES = option('--instances', 200);
const LATENCY_MS = option('--latency', 50);
const CREATE_RATE = 20;
const CDB_CREATE_RATE = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Records when each create request went out, to measure the create phase alone. */
function recording(action: string, sent: number[]): HttpTransport {
  return (request) => {
    if (request.headers?.['X-TC-Action'] === action) sent.push(Date.now());
    return httpRequest(request);
  };
}

type ApiStats = Record<string, { calls: number; throttled: number; faulted: number; authFailed: number }>;

async function measure(
  sim: SimChild,
  name: string,
  action: string,
  quota: number,
  work: (transport: HttpTransport) => Promise<number>,
) {
  await sim.post('/_sim/reset', {});
  await sim.post('/_sim/faults', { latencyMs: LATENCY_MS });
  const sent: number[] = [];
  const started = Date.now();
  const created = await work(recording(action, sent));
  const wallMs = Date.now() - started;
  const stats = await sim.get<ApiStats>('/_sim/stats');
  const throttled = Object.values(stats).reduce((sum, s) => sum + s.throttled, 0);
  const createSpanS = sent.length > 1 ? ((sent.at(-1) as number) - (sent[0] as number)) / 1000 : Number.NaN;
  // N calls paced evenly span N-1 intervals: the rate is (N-1)/span.
  const rate = (created - 1) / createSpanS;
  const boundS = created / quota;
  return {
    contender: name,
    'wall s': (wallMs / 1000).toFixed(1),
    created,
    'create calls': sent.length,
    'create rate /s': rate.toFixed(2),
    'of quota': `${((rate / quota) * 100).toFixed(1)}%`,
    throttled,
    'wall / bound': (wallMs / 1000 / boundS).toFixed(3),
  };
}

const POLICY = (kind: 'cbs' | 'cdb') =>
  kind === 'cbs'
    ? `version: 1
policies:
  - name: bulk-disks
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    catchUp: 1d
    regions: [ap-guangzhou]
    select: { tags: { backup: bulk } }
    retention: { keepLast: 7 }
`
    : `version: 1
policies:
  - name: bulk-mysql
    kind: cdb-mysql
    schedule: '0 0 3 * * * *'
    catchUp: 1d
    regions: [ap-guangzhou]
    select: { tags: { backup: bulk } }
    options: { method: physical }
    retention: { keepLast: 7 }
`;

async function ours(sim: SimChild, kind: 'cbs' | 'cdb', transport: HttpTransport): Promise<number> {
  const file = parsePolicyText(POLICY(kind), sim.env);
  const clients = createCloudClients(sim.env, {
    clouds: [kind === 'cbs' ? 'cbs-disk' : 'cdb-mysql'],
    throttle: createThrottle(),
    transport,
  });
  const report = await runBackups({
    registry: TARGETS,
    file,
    request: { trigger: 'cli', dryRun: false, force: true, now: new Date() },
    clients,
    concurrency: 64,
  });
  if (report.totals.failed > 0) console.error(`  ours: ${report.totals.failed} failed`);
  return report.totals.created;
}

/** A client that neither paces nor retries: what a naive script holds. */
function naiveClient(sim: SimChild, transport: HttpTransport): TencentCaller {
  return createCloudClients(sim.env, {
    clouds: ['cbs-disk'],
    throttle: createThrottle({ rates: { 'cbs.CreateDiskBackup': 1e9 } }),
    retry: { maxAttempts: 1 },
    transport,
  }).tencent();
}

const isThrottled = (error: unknown) => error instanceof CloudError && error.errorClass === 'throttled';
const diskIds = () => Array.from({ length: DISKS }, (_, i) => `disk-${String(i).padStart(8, '0')}`);
const create = (client: TencentCaller, DiskId: string, i: number) =>
  client.call('cbs', '2017-03-12', 'CreateDiskBackup', 'ap-guangzhou', {
    DiskId,
    DiskBackupName: `naive-${i}`,
  });

async function sequential(sim: SimChild, transport: HttpTransport): Promise<number> {
  const client = naiveClient(sim, transport);
  let created = 0;
  for (const [i, id] of diskIds().entries()) {
    for (;;) {
      try {
        await create(client, id, i);
        created += 1;
        break;
      } catch (error) {
        if (!isThrottled(error)) throw error;
        await sleep(1000);
      }
    }
  }
  return created;
}

async function unbounded(sim: SimChild, transport: HttpTransport): Promise<number> {
  const client = naiveClient(sim, transport);
  const results = await Promise.all(
    diskIds().map(async (id, i) => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await create(client, id, i);
          return 1;
        } catch (error) {
          if (!isThrottled(error)) throw error;
          await sleep(Math.random() * Math.min(5000, 100 * 2 ** attempt));
        }
      }
    }),
  );
  return results.reduce((a: number, b) => a + b, 0);
}

async function main() {
  console.log(
    `engine throughput: ${DISKS} disks at ${CREATE_RATE}/s, ${INSTANCES} CDB instances at ${CDB_CREATE_RATE}/s, ${LATENCY_MS} ms latency, strict rate limits`,
  );
  const cbsSim = await startSimChild({ seed: disksSeed(DISKS) });
  const rows = [];
  try {
    rows.push(
      await measure(cbsSim, 'scf-backup engine', 'CreateDiskBackup', CREATE_RATE, (t) =>
        ours(cbsSim, 'cbs', t),
      ),
    );
    if (only !== 'ours') {
      rows.push(
        await measure(cbsSim, 'sequential loop', 'CreateDiskBackup', CREATE_RATE, (t) =>
          sequential(cbsSim, t),
        ),
      );
      rows.push(
        await measure(cbsSim, 'unbounded + retry', 'CreateDiskBackup', CREATE_RATE, (t) =>
          unbounded(cbsSim, t),
        ),
      );
    }
  } finally {
    await cbsSim.stop();
  }
  console.log(
    `\n${DISKS}-disk cbs-disk policy (lower bound ${(DISKS / CREATE_RATE).toFixed(0)} s of creates):`,
  );
  console.log(formatTable(rows));

  const mysql = Array.from({ length: INSTANCES }, (_, i) => ({
    id: `cdb-${String(i).padStart(8, '0')}`,
    region: 'ap-guangzhou',
    tags: { backup: 'bulk' },
  }));
  const cdbSim = await startSimChild({ seed: { tencent: { mysql } } });
  try {
    const row = await measure(cdbSim, 'scf-backup engine', 'CreateBackup', CDB_CREATE_RATE, (t) =>
      ours(cdbSim, 'cdb', t),
    );
    const stats = await cdbSim.get<ApiStats>('/_sim/stats');
    console.log(
      `\n${INSTANCES}-instance cdb-mysql policy (lower bound ${(INSTANCES / CDB_CREATE_RATE).toFixed(0)} s of creates):`,
    );
    console.log(formatTable([{ ...row, 'CreateBackup calls': stats['cdb.CreateBackup']?.calls ?? 0 }]));
    console.log(
      '(one CreateBackup call per instance and none refused: never two backups of one instance at once)',
    );
  } finally {
    await cdbSim.stop();
  }
}

void main();
