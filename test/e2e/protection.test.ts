/**
 * Protection through the BUILT bundles on timer events, against the simulator and local
 * receivers: a backup the cloud fails after accepting it is reported and alerted by the next
 * run, once; a misspelt tag fails its policy (NothingSelected) and alerts; a heartbeat receiver
 * sees the success and the failure pings, and the heartbeat URL never reaches a log.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildE2eBundles, invoke, reportOf, type BuiltFunctions } from './bundles';
import { timerEvent } from './events';
import { openScenario, type Scenario } from './scenario';

const POLICY = join(__dirname, '../fixtures/e2e-protection-policy.yaml');
const HEARTBEAT_TOKEN = 'e2e-heartbeat-0b1f6c2d9a';

let built: BuiltFunctions;
let world: Scenario;
const pings: string[] = [];
const heartbeat = createServer((req, res) => {
  pings.push(req.url ?? '');
  res.writeHead(200).end('OK');
});
let env: Record<string, string>;

beforeAll(async () => {
  built = await buildE2eBundles(POLICY);
  world = await openScenario();
  await new Promise<void>((resolve) => heartbeat.listen(0, '127.0.0.1', resolve));
  const { port } = heartbeat.address() as AddressInfo;
  env = { ...world.env, HEARTBEAT_URL: `http://127.0.0.1:${port}/ping/${HEARTBEAT_TOKEN}` };
}, 120_000);
afterAll(async () => {
  built?.remove();
  await world?.close();
  heartbeat.close();
});

/** What the webhook receiver got, as text (its JSON body carries the alert summary). */
const alerts = () => world.receivers.of('webhook').map((r) => r.body.toString('utf8'));

describe('protection in the deployed functions', () => {
  it('reports and alerts a backup that failed after acceptance in the next run, once; pings the heartbeat', async () => {
    await world.faults({ failBackupsOf: ['cdb-0001'] });
    const first = await invoke(
      built,
      'database-backup',
      [timerEvent('database-backup', new Date('2026-11-24T18:05:00Z'))],
      { env },
    );
    expect(reportOf(first).totals).toMatchObject({ created: 1, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the simulator fails it after 100 ms
    await world.faults({ failBackupsOf: [] });

    const alertsBefore = alerts().length;
    const second = await invoke(
      built,
      'database-backup',
      [timerEvent('database-backup', new Date('2026-11-24T18:20:00Z'))],
      { env },
    );
    const report = reportOf(second);
    expect(report.policies[0]?.notices).toEqual([
      expect.objectContaining({
        kind: 'failed',
        resourceId: 'cdb-0001',
        message: expect.stringMatching(/FAILED\); trying again/),
      }),
    ]);
    expect(report.policies[0]?.targets).toEqual([
      expect.objectContaining({
        action: 'create',
        outcome: 'done',
        backupName: expect.stringMatching(/-2$/),
      }),
    ]);
    const told = alerts().slice(alertsBefore);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('cdb-0001');
    expect(told[0]).toContain('backup failed after it was accepted');

    // Once: the next run finds the new attempt and tells nothing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const third = await invoke(
      built,
      'database-backup',
      [timerEvent('database-backup', new Date('2026-11-24T18:35:00Z'))],
      { env },
    );
    expect(reportOf(third).policies[0]?.notices).toBeUndefined();
    expect(reportOf(third).policies[0]?.targets[0]?.protection?.verdict).toBe('fresh');
    expect(alerts().length).toBe(alertsBefore + 1);

    expect(pings).toEqual(Array.from({ length: 3 }, () => `/ping/${HEARTBEAT_TOKEN}`));
    for (const run of [first, second, third]) expect(run.stdout).not.toContain(HEARTBEAT_TOKEN);
  }, 120_000);

  it('fails a policy whose tag selects nothing, alerts it, and pings /fail', async () => {
    pings.length = 0;
    const alertsBefore = alerts().length;
    const run = await invoke(
      built,
      'disk-backup',
      [timerEvent('disk-backup', new Date('2026-11-24T18:05:00Z'))],
      { env },
    );
    const report = reportOf(run);
    expect(report.policies[0]?.error).toEqual({
      code: 'NothingSelected',
      message:
        'nothing selected in ap-guangzhou (tags backup=nighlty; no exclusions); set allowEmpty: true if that is expected',
    });
    expect(report.totals.failed).toBe(1);
    const told = alerts().slice(alertsBefore);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('NothingSelected');
    expect(told[0]).toContain('backup=nighlty');
    expect(pings).toEqual([`/ping/${HEARTBEAT_TOKEN}/fail`]);
    expect(run.stdout).not.toContain(HEARTBEAT_TOKEN);
    expect(run.stdout).toContain('"message":"heartbeat"');
  }, 120_000);
});
