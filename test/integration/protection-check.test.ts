/**
 * Every timer run judges every enabled policy of its function's kinds, due or not, with listing
 * calls only: a policy that is not due reports each resource as a skip with its protection, and
 * creates nothing. Other triggers leave a policy that is not due alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudClients } from '../../lib/cloud/clients';
import { backupName } from '../../lib/engine/naming';
import { runBackups } from '../../lib/engine/run';
import type { Trigger } from '../../lib/engine/types';
import { parsePolicyText } from '../../lib/policy/load';
import { startSimulator, type RunningSimulator } from '../../sim';
import { TARGETS } from '../../lib/targets/registry';

const POLICY = `
version: 1
policies:
  - name: daily-disks
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    timezone: Asia/Shanghai
    catchUp: 1h
    regions: [ap-guangzhou]
    select: { tags: { backup: daily }, exclude: [disk-9999] }
    retention: { keepLast: 7 }
`;
// 02:00 Shanghai is 18:00 UTC; at 22:00 UTC the slot is 4 h old, outside its 1 h catch-up.
const NOW = new Date('2026-11-24T22:00:00Z');
const SLOT = new Date('2026-11-23T18:00:00Z');

describe('the protection check of a timer run', () => {
  let sim: RunningSimulator;
  let env: Record<string, string>;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: {
        tencent: {
          disks: [
            { id: 'disk-a', region: 'ap-guangzhou', tags: { backup: 'daily' } },
            { id: 'disk-b', region: 'ap-guangzhou', tags: { backup: 'daily' } },
          ],
          // disk-a missed the latest slot: its backup of the slot before is 28 h old at NOW.
          diskBackups: [
            {
              diskId: 'disk-a',
              name: backupName('daily-disks', SLOT, 'disk-a'),
              createTime: SLOT.toISOString(),
              state: 'NORMAL',
            },
          ],
        },
      },
    });
    env = {
      TENCENTCLOUD_ENDPOINT: sim.url,
      TENCENTCLOUD_SECRETID: sim.credentials.tencent.secretId,
      TENCENTCLOUD_SECRETKEY: sim.credentials.tencent.secretKey,
    };
  });
  afterAll(() => sim?.stop());

  const run = (trigger: Trigger) =>
    runBackups({
      registry: TARGETS,
      file: parsePolicyText(POLICY, env),
      request: { trigger, dryRun: false, force: false, now: NOW },
      clients: createCloudClients(env, { clouds: ['cbs-disk'] }),
    });

  it('lists a policy that is not due and reports each resource, with listing calls only', async () => {
    sim.reset();
    const report = await run('timer');
    const [policy] = report.policies;
    expect(policy?.slot).toBeUndefined();
    expect(policy?.reason).toMatch(/^not due/);
    expect(policy?.freshnessSeconds).toBe(25 * 3600);
    expect(policy?.warnings).toEqual([
      'exclude disk-9999 matches no selected resource: a typo, or a resource that is gone',
    ]);
    expect(policy?.targets.map((t) => [t.resourceId, t.action, t.outcome, t.protection?.verdict])).toEqual([
      ['disk-a', 'skip', 'skipped', 'stale'],
      ['disk-b', 'skip', 'skipped', 'never'],
    ]);
    expect(policy?.targets[0]?.protection?.lastGood).toMatchObject({
      slot: SLOT.toISOString().replace('.000Z', 'Z'),
      ageSeconds: 28 * 3600,
    });
    expect(report.totals).toMatchObject({ created: 0, failed: 0, never: 1, stale: 1 });
    // It turned stale at 19:00 (slot + 25 h): the run of 19:00–19:15 told it, not this one.
    expect(policy?.notices).toBeUndefined();
    expect(Object.keys(sim.stats()).sort()).toEqual(['cbs.DescribeDiskBackups', 'cbs.DescribeDisks']);
  });

  it('leaves a policy that is not due alone on other triggers', async () => {
    sim.reset();
    const report = await run('cli');
    expect(report.policies[0]?.targets).toEqual([]);
    expect(report.policies[0]?.freshnessSeconds).toBeUndefined();
    expect(sim.stats()).toEqual({});
  });
});
