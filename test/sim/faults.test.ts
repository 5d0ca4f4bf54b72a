/** Fault injection over HTTP: error codes (seeded), latency, timeouts before and after commit, drops, throttling. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { CBS, GZ, huaweiCall, rawRequest, tc3Call } from './sim-helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false });
});
beforeEach(() => sim.reset());
afterAll(() => sim.stop());

const describeDisks = { ...CBS, action: 'DescribeDisks', region: GZ, params: { Limit: 1 } };
const createBackup = {
  ...CBS,
  action: 'CreateDiskBackup',
  region: GZ,
  params: { DiskId: 'disk-0005', DiskBackupName: 'f' },
};
const tencentCode = async (call: Parameters<typeof tc3Call>[1]) =>
  (await tc3Call(sim, call)).json.Response.Error?.Code ?? 'OK';
const backupsOfDisk5 = () =>
  (sim.state().tencent as { diskBackups: Array<{ DiskId: string }> }).diskBackups.filter(
    (b) => b.DiskId === 'disk-0005',
  );
const clusters = () => ({
  method: 'GET' as const,
  path: `/v1.0/${sim.credentials.huawei.projectId}/clusters`,
});
const gaussInstances = () => ({
  method: 'GET' as const,
  path: `/v3/${sim.credentials.huawei.projectId}/instances`,
});

describe('error faults', () => {
  it('answers the chosen codes at the chosen rate, the same way for the same seed', async () => {
    sim.setFaults({ errorRate: 1, errorCodes: ['InternalError', 'ServiceUnavailable'] });
    for (let i = 0; i < 5; i += 1)
      expect(['InternalError', 'ServiceUnavailable']).toContain(await tencentCode(describeDisks));
    const run = async () => {
      sim.setFaults({ errorRate: 0.5, errorCodes: ['InternalError'], seed: 7 });
      const outcomes: string[] = [];
      for (let i = 0; i < 20; i += 1) outcomes.push(await tencentCode(describeDisks));
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((c) => c === 'InternalError').length).toBeGreaterThan(3);
    expect(first.filter((c) => c === 'OK').length).toBeGreaterThan(3);
    expect(sim.stats()['cbs.DescribeDisks']?.faulted).toBe(5 + 2 * first.filter((c) => c !== 'OK').length);
  });

  it('gives Huawei codes their documented statuses, and each service its own transient code', async () => {
    const cases: Array<[string[], number, string]> = [
      [['DWS.0005'], 500, 'DWS.0005'],
      [['APIGW.0308'], 429, 'APIGW.0308'],
      [['DWS.0011'], 409, 'DWS.0011'],
      [['NOPE.123'], 500, 'NOPE.123'],
      [['InternalError'], 500, 'DWS.0005'],
    ];
    for (const [errorCodes, status, code] of cases) {
      sim.setFaults({ errorRate: 1, errorCodes });
      const { status: got, json } = await huaweiCall(sim, clusters());
      expect([got, json.error_code]).toEqual([status, code]);
      if (code.startsWith('APIGW.')) expect(json.request_id).toMatch(/^[0-9a-f]{32}$/);
    }
    sim.setFaults({ errorRate: 1 });
    const gauss = await huaweiCall(sim, gaussInstances());
    expect([gauss.status, gauss.json.error_code]).toEqual([500, 'DBS.05000000']);
  });

  it('restricts faults to the listed actions', async () => {
    sim.setFaults({ errorRate: 1, actions: ['cbs.CreateDiskBackup'] });
    expect(await tencentCode(describeDisks)).toBe('OK');
    expect(await tencentCode(createBackup)).toBe('InternalError');
  });

  it('draws by request, not by arrival: the same requests meet the same faults in any order', async () => {
    const limits = Array.from({ length: 24 }, (_, i) => i + 1);
    const outcomes = async (order: number[], together: boolean) => {
      sim.setFaults({ errorRate: 0.5, errorCodes: ['InternalError'], seed: 11 });
      const call = async (limit: number) =>
        [limit, await tencentCode({ ...describeDisks, params: { Limit: limit } })] as const;
      const answers = together
        ? await Promise.all(order.map(call))
        : await order.reduce(
            async (done, limit) => [...(await done), await call(limit)],
            Promise.resolve([] as Array<readonly [number, string]>),
          );
      return Object.fromEntries(answers);
    };
    const inOrder = await outcomes(limits, false);
    expect(await outcomes([...limits].reverse(), false)).toEqual(inOrder);
    expect(await outcomes(limits, true)).toEqual(inOrder);
    const errors = Object.values(inOrder).filter((code) => code === 'InternalError').length;
    expect(errors).toBeGreaterThan(3);
    expect(errors).toBeLessThan(21);
  });

  it('follows a sequence per action by call number, then the rates', async () => {
    sim.setFaults({
      sequence: { 'cbs.CreateDiskBackup': ['error:ResourceBusy', 'none', 'error', 'throttle'] },
    });
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) codes.push(await tencentCode(createBackup));
    // The fifth call is past the list: the simulator answers it itself (the 2nd call's backup is
    // still being made).
    expect(codes).toEqual([
      'ResourceBusy',
      'OK',
      'InternalError',
      'RequestLimitExceeded',
      'InvalidDisk.Busy',
    ]);
    expect(await tencentCode(describeDisks)).toBe('OK');
    expect(backupsOfDisk5()).toHaveLength(1);
    expect(sim.stats()['cbs.CreateDiskBackup']).toMatchObject({ calls: 5, faulted: 3 });
  });

  it('throttles every call when throttle is set', async () => {
    sim.setFaults({ throttle: true });
    expect(await tencentCode(describeDisks)).toBe('RequestLimitExceeded');
    expect((await huaweiCall(sim, clusters())).status).toBe(429);
    expect(sim.stats()['cbs.DescribeDisks']).toMatchObject({ throttled: 1, faulted: 1 });
  });
});

describe('transport faults', () => {
  it('adds latency', async () => {
    sim.setFaults({ latencyMs: 120 });
    const started = Date.now();
    expect(await tencentCode(describeDisks)).toBe('OK');
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('holds a request without running it until the client gives up', async () => {
    sim.setFaults({ timeoutRate: 1, actions: ['cbs.CreateDiskBackup'] });
    await expect(tc3Call(sim, { ...createBackup, timeoutMs: 150 })).rejects.toThrow(/timeout/);
    expect(backupsOfDisk5()).toHaveLength(0);
  });

  it('runs the action, then holds the answer (timeout after commit)', async () => {
    sim.setFaults({ timeoutAfterCommitRate: 1, actions: ['cbs.CreateDiskBackup'] });
    await expect(tc3Call(sim, { ...createBackup, timeoutMs: 150 })).rejects.toThrow(/timeout/);
    expect(backupsOfDisk5()).toHaveLength(1);
  });

  it('drops the connection without an answer', async () => {
    sim.setFaults({ dropRate: 1 });
    await expect(tc3Call(sim, describeDisks)).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(huaweiCall(sim, clusters())).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('refuses an invalid configuration over HTTP and accepts a valid one', async () => {
    const post = (body: unknown) =>
      rawRequest(sim.url, {
        method: 'POST',
        path: '/_sim/faults',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    expect((await post({ errorRate: 2 })).status).toBe(400);
    expect((await post({ errorRate: 0.6, dropRate: 0.6 })).status).toBe(400);
    expect((await post({ bogus: true })).status).toBe(400);
    expect((await post({ sequence: { 'cbs.DescribeDisks': ['sometimes'] } })).status).toBe(400);
    const ok = await post({ latencyMs: 50, errorRate: 0.1, errorCodes: ['InternalError'], throttle: true });
    expect(ok.json.faults).toMatchObject({ latencyMs: 50, throttle: true });
  });
});

describe('answer faults (for scf-backup doctor)', () => {
  it("dateSkewMs: every answer's Date header is that far from the simulator's clock, the calls still succeed", async () => {
    const dateOf = async () => Date.parse(String((await tc3Call(sim, describeDisks)).headers.date));
    expect(Math.abs((await dateOf()) - Date.now())).toBeLessThan(5_000);
    sim.setFaults({ dateSkewMs: 10 * 60_000 });
    const before = Date.now();
    const skewed = await dateOf();
    expect(skewed - before).toBeGreaterThan(10 * 60_000 - 5_000);
    expect(skewed - before).toBeLessThan(10 * 60_000 + 5_000);
    expect(await tencentCode(describeDisks)).toBe('OK');
    const huawei = await huaweiCall(sim, clusters());
    expect(huawei.status).toBe(200);
    expect(Date.parse(String(huawei.headers.date)) - Date.now()).toBeGreaterThan(10 * 60_000 - 5_000);
  });

  it("renameField: one action's successful answers carry the field under another name, at any depth", async () => {
    sim.setFaults({ renameField: { action: 'cbs.DescribeDisks', from: 'DiskId', to: 'DiskID' } });
    const disks = (await tc3Call(sim, describeDisks)).json.Response.DiskSet as Array<Record<string, unknown>>;
    expect(disks[0]).toHaveProperty('DiskID');
    expect(disks[0]).not.toHaveProperty('DiskId');
    // Other actions answer as ever.
    const backups = await tc3Call(sim, { ...CBS, action: 'DescribeDiskBackups', region: GZ, params: {} });
    expect(backups.json.Response.DiskBackupSet[0]).toHaveProperty('DiskId');

    sim.setFaults({ renameField: { action: 'dws.ListClusters', from: 'id', to: 'cluster_id' } });
    const clustersAnswer = (await huaweiCall(sim, clusters())).json.clusters as Array<
      Record<string, unknown>
    >;
    expect(clustersAnswer[0]).toHaveProperty('cluster_id');
    expect(clustersAnswer[0]).not.toHaveProperty('id');
  });

  it('refuses a malformed renameField', async () => {
    expect(() =>
      sim.setFaults({ renameField: { action: 'cbs.DescribeDisks', from: 'DiskId' } } as never),
    ).toThrow(/renameField\.to/);
  });
});

describe('stop()', () => {
  it('releases held requests and closes promptly', async () => {
    const own = await startSimulator({ rateLimits: false });
    own.setFaults({ timeoutRate: 1 });
    const held = tc3Call(own, { ...describeDisks, timeoutMs: 10_000 });
    const settled = held.then(
      () => 'answered',
      () => 'released',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await own.stop();
    expect(await settled).toBe('released');
    // Far under the 10 s the held request would otherwise wait.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
