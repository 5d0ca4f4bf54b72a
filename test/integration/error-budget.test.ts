/**
 * An error budget stops a policy whose failures pass a bound (issue 6): every create refused
 * with a permanent error, the policy stops after the budget instead of trying every resource,
 * and each resource it did not reach is reported as not attempted — none left out.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudClients } from '../../lib/cloud/clients';
import { runBackups } from '../../lib/engine/run';
import { parsePolicyText } from '../../lib/policy/load';
import { createThrottle } from '../../lib/throttle/throttle';
import { startSimulator, type RunningSimulator } from '../../sim';
import { TARGETS } from '../../lib/targets/registry';

const DISKS = 40;
const BUDGET = 5;
/** Every disk tagged backup=bulk in ap-guangzhou, nightly, keepLast 7. */
const POLICY = readFileSync(resolve(__dirname, '../fixtures/policies/bulk-disks.yaml'), 'utf8');

describe('a policy whose creates keep failing', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    const disks = Array.from({ length: DISKS }, (_, i) => ({
      id: `disk-${String(i).padStart(8, '0')}`,
      region: 'ap-guangzhou',
      tags: { backup: 'bulk' },
    }));
    sim = await startSimulator({ seed: { tencent: { disks } } });
  });
  afterAll(() => sim?.stop());

  it('stops at the error budget and reports every disk it did not reach as not attempted', async () => {
    sim.setFaults({
      errorRate: 1,
      errorCodes: ['ResourceInsufficient.OverQuota'],
      actions: ['cbs.CreateDiskBackup'],
    });
    const env = {
      TENCENTCLOUD_ENDPOINT: sim.url,
      TENCENTCLOUD_SECRETID: sim.credentials.tencent.secretId,
      TENCENTCLOUD_SECRETKEY: sim.credentials.tencent.secretKey,
    };
    const report = await runBackups({
      registry: TARGETS,
      file: parsePolicyText(POLICY, env),
      request: { trigger: 'cli', dryRun: false, force: false, now: new Date('2026-11-24T18:00:05Z') },
      clients: createCloudClients(env, { clouds: ['cbs-disk'], throttle: createThrottle() }),
      execute: { errorBudget: BUDGET },
    });
    const targets = report.policies[0]?.targets.filter((t) => t.action === 'create') ?? [];
    const failed = targets.filter((t) => t.outcome === 'failed');
    const notAttempted = targets.filter((t) => t.reason?.startsWith('not attempted: error budget exhausted'));
    const calls = sim.stats()['cbs.CreateDiskBackup']?.calls ?? 0;

    expect(targets).toHaveLength(DISKS);
    expect(failed.length + notAttempted.length).toBe(DISKS);
    expect(failed.every((t) => t.error?.code === 'ResourceInsufficient.OverQuota')).toBe(true);
    expect(failed.length).toBeGreaterThanOrEqual(BUDGET);
    // Only the calls already in flight when the budget ran out go past it.
    expect(calls).toBe(failed.length);
    expect(calls).toBeLessThan(DISKS / 2);
    expect(report.status).toBe('failed');
  });
});
