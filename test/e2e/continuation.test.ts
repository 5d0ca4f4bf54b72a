/**
 * Long runs continue (issue 6): the built disk-backup bundle, given SCF's 10 s limit over 300
 * disks at CBS's 20 creates/s, stops starting work near its limit, reports `continued`, invokes
 * itself through SCF `Invoke`; the simulator hands each invocation back to a fresh copy of the
 * bundle, as SCF would, until the run is done. Every disk ends with exactly one backup.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scfContext } from '../../lib/cli/scf-invocation';
import type { RunReport } from '../../lib/engine/types';
import { startSimulator, type RunningSimulator, type ScfInvocation } from '../../sim';
import { buildBundles, loadHandler, type BuiltBundles } from '../helpers/bundles';

const DISKS = 300;
const TIME_LIMIT_MS = 10_000;

function seed() {
  const disks = Array.from({ length: DISKS }, (_, i) => ({
    id: `disk-${String(i).padStart(8, '0')}`,
    region: 'ap-guangzhou',
    tags: { backup: 'bulk' },
  }));
  return { tencent: { disks } };
}

describe('a run that nears its time limit', () => {
  let bundles: BuiltBundles;
  let sim: RunningSimulator;
  const reports: RunReport[] = [];
  const invocations: ScfInvocation[] = [];
  let finished: (report: RunReport) => void;
  const done = new Promise<RunReport>((resolveDone) => (finished = resolveDone));
  const savedEnv = { ...process.env };

  const invoke = async (event: unknown) => {
    const handler = loadHandler(bundles.bundlePath('disk-backup'));
    const report = (await handler(
      event,
      scfContext({
        functionName: 'scf-backup-disk-backup',
        timeLimitMs: TIME_LIMIT_MS,
        region: 'ap-guangzhou',
      }),
    )) as RunReport;
    reports.push(report);
    if (report.status !== 'continued') finished(report);
  };

  beforeAll(async () => {
    bundles = await buildBundles(resolve(__dirname, '../fixtures/policies/bulk-disks.yaml'));
    sim = await startSimulator({
      seed: seed(),
      transitionMs: 50,
      onInvoke: (invocation) => {
        invocations.push(invocation);
        void invoke(invocation.event);
      },
    });
    Object.assign(process.env, {
      TENCENTCLOUD_ENDPOINT: sim.url,
      TENCENTCLOUD_SECRETID: sim.credentials.tencent.secretId,
      TENCENTCLOUD_SECRETKEY: sim.credentials.tencent.secretKey,
    });
    // Silence the bundle's JSON log lines; they are checked elsewhere.
    console.log = () => undefined;
  });

  afterAll(async () => {
    process.env = savedEnv;
    await sim?.stop();
  });

  it('continues at least twice and backs every disk up exactly once', async () => {
    await invoke({
      Type: 'Timer',
      TriggerName: 'disk-backup-timer',
      Time: '2026-11-24T18:00:05Z',
      Message: '',
    });
    const last = await done;

    expect(invocations.length).toBeGreaterThanOrEqual(2);
    expect(reports.slice(0, -1).every((r) => r.status === 'continued')).toBe(true);
    expect(last.status).toBe('succeeded');
    // One run id across the continuations, each continuation numbered, all as the same SCF function.
    expect(new Set(reports.map((r) => r.runId)).size).toBe(1);
    expect(
      invocations.map((i) => (i.event as { continuation: { attempt: number } }).continuation.attempt),
    ).toEqual(invocations.map((_, i) => i + 1));
    expect(
      invocations.every((i) => i.invocationType === 'Event' && i.functionName === 'scf-backup-disk-backup'),
    ).toBe(true);

    const state = sim.state().tencent as { diskBackups: Array<{ DiskId: string; DiskBackupName: string }> };
    const perDisk = new Map<string, number>();
    for (const backup of state.diskBackups) perDisk.set(backup.DiskId, (perDisk.get(backup.DiskId) ?? 0) + 1);
    expect(perDisk.size).toBe(DISKS);
    expect([...perDisk.values()].every((count) => count === 1)).toBe(true);

    const created = reports.reduce((sum, r) => sum + r.totals.created, 0);
    expect(created).toBe(DISKS);
    expect(reports.every((r) => r.totals.failed === 0)).toBe(true);
    // A throttled answer is retried, so it costs time, not a backup. One or two can come from
    // arrival jitter alone: the client paces by send time at 97% of the rate, and this simulator
    // stamps arrivals on a loaded test process. Pacing itself is tested on a stepped clock
    // (test/unit/client-pacing.test.ts); a client that did not pace fails this test outright.
    expect(sim.stats()['cbs.CreateDiskBackup']?.throttled ?? 0).toBeLessThanOrEqual(3);
  }, 60_000);
});
