/**
 * Near the time limit a run starts no new work — listing included, not only creating: what it did
 * not reach is reported as not started, its status is `continued`, and a later run picks it up.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudClients } from '../../lib/cloud/clients';
import { NOT_STARTED_REASON } from '../../lib/engine/report';
import { runBackups } from '../../lib/engine/run';
import { parsePolicyText } from '../../lib/policy/load';
import { createThrottle } from '../../lib/throttle/throttle';
import { startSimulator, type RunningSimulator } from '../../sim';
import { TARGETS } from '../../lib/targets/registry';

const DISKS = 250;
const POLICY = readFileSync(resolve(__dirname, '../fixtures/policies/bulk-disks.yaml'), 'utf8');

describe('a run that reaches its time limit while planning', () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  const run = (deadlineMs?: number) =>
    runBackups({
      registry: TARGETS,
      file: parsePolicyText(POLICY, env),
      request: { trigger: 'cli', dryRun: false, force: false, now: new Date('2026-11-24T18:00:05Z') },
      clients: createCloudClients(env, { clouds: ['cbs-disk'], throttle: createThrottle() }),
      deadlineMs,
    });

  beforeAll(async () => {
    const disks = Array.from({ length: DISKS }, (_, i) => ({
      id: `disk-${String(i).padStart(8, '0')}`,
      region: 'ap-guangzhou',
      tags: { backup: 'bulk' },
    }));
    sim = await startSimulator({ seed: { tencent: { disks } }, rateLimits: false });
    env = {
      TENCENTCLOUD_ENDPOINT: sim.url,
      TENCENTCLOUD_SECRETID: sim.credentials.tencent.secretId,
      TENCENTCLOUD_SECRETKEY: sim.credentials.tencent.secretKey,
    };
  });
  afterAll(() => sim?.stop());

  it('lists and creates nothing more, reports every disk as not started, and a later run finishes', async () => {
    const cut = await run(Date.now() - 1);
    const targets = cut.policies[0]?.targets ?? [];
    expect(cut.status).toBe('continued');
    expect(targets).toHaveLength(DISKS);
    expect(targets.every((t) => t.outcome === 'skipped' && t.reason === NOT_STARTED_REASON)).toBe(true);
    expect(sim.stats()['cbs.DescribeDiskBackups']).toBeUndefined();
    expect(sim.stats()['cbs.CreateDiskBackup']).toBeUndefined();

    const rest = await run();
    expect(rest.status).toBe('succeeded');
    expect(rest.totals.created).toBe(DISKS);
  });
});
