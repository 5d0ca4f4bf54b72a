/** The simulator's own endpoints and lifecycle: state, stats, reset, seeds, keep-alive shutdown. */
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { loadSeedFile, validateSeed } from '../../sim/seed';
import { CBS, GZ, rawRequest, tc3Call } from './sim-helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ rateLimits: false });
});
afterAll(() => sim.stop());

const get = (path: string) => rawRequest(sim.url, { method: 'GET', path });
const create = { ...CBS, action: 'CreateDiskBackup', region: GZ, params: { DiskId: 'disk-0004' } };

describe('/_sim endpoints', () => {
  it('GET /_sim/state returns every resource and backup of both clouds', async () => {
    const { status, json } = await get('/_sim/state');
    expect(status).toBe(200);
    expect(json.tencent.disks.map((d: { DiskId: string }) => d.DiskId)).toEqual([
      'disk-0001',
      'disk-0002',
      'disk-0003',
      'disk-0004',
      'disk-0005',
      'disk-0006',
    ]);
    expect(json.tencent.diskBackups).toHaveLength(2);
    expect(json.tencent.mysqlInstances).toHaveLength(3);
    expect(json.tencent.mysqlBackups.map((b: { Way: string }) => b.Way)).toEqual(['automatic', 'manual']);
    expect(json.tencent.backupStorageLocations[0].Name).toBe('legacy-repo');
    expect(json.tencent.cosBuckets).toHaveLength(3);
    expect(json.huawei.projectId).toBe('0123456789abcdef0123456789abcdef');
  });

  it('POST /_sim/reset restores the seed and clears faults and stats', async () => {
    await tc3Call(sim, create);
    sim.setFaults({ latencyMs: 5 });
    expect(sim.state().tencent).toMatchObject({
      diskBackups: expect.arrayContaining([expect.objectContaining({ DiskId: 'disk-0004' })]),
    });
    const reset = await rawRequest(sim.url, { method: 'POST', path: '/_sim/reset' });
    expect(reset.json).toEqual({ reset: true });
    expect((sim.state().tencent as { diskBackups: unknown[] }).diskBackups).toHaveLength(2);
    expect((await get('/_sim/faults')).json).toEqual({});
    expect((await get('/_sim/stats')).json).toEqual({});
  });

  it('GET /_sim/stats counts calls per action', async () => {
    sim.reset();
    await tc3Call(sim, create);
    await tc3Call(sim, create);
    expect((await get('/_sim/stats')).json).toEqual({
      'cbs.CreateDiskBackup': { calls: 2, throttled: 0, authFailed: 0, faulted: 0 },
    });
  });

  it('answers health, credentials and unknown endpoints', async () => {
    expect((await get('/_sim/health')).json).toEqual({ ok: true });
    expect((await get('/_sim/credentials')).json).toEqual(sim.credentials);
    expect((await get('/_sim/nothing')).status).toBe(404);
  });
});

describe('seeds', () => {
  it('names every problem with its path', () => {
    const bad = {
      tencent: {
        disks: [
          { id: 'disk-1', region: 'ap-guangzhou', backupQuota: 0 },
          { id: 'disk-1', region: 'ap-guangzhou' },
        ],
        diskBackups: [{ diskId: 'disk-9', name: 'x', createTime: '2026-01-01T00:00:00Z' }],
      },
    };
    expect(() => validateSeed(bad)).toThrow(/tencent\.disks\[0\]\.backupQuota/);
    const dangling = {
      tencent: {
        disks: [
          { id: 'disk-1', region: 'gz' },
          { id: 'disk-1', region: 'gz' },
        ],
        diskBackups: bad.tencent.diskBackups,
      },
    };
    expect(() => validateSeed(dangling)).toThrow(/duplicate id "disk-1"[\s\S]*diskBackups\[0\]\.diskId/);
    expect(() => validateSeed({ tencent: { disk: [] } })).toThrow(/tencent: Unrecognized key/);
    expect(() => validateSeed({ huawei: { projectId: 'short' } })).toThrow(/huawei\.projectId/);
  });

  it('loads YAML and JSON files and reports unreadable ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-seed-'));
    writeFileSync(
      join(dir, 'seed.json'),
      JSON.stringify({ tencent: { disks: [{ id: 'disk-j', region: GZ }] } }),
    );
    writeFileSync(join(dir, 'bad.yaml'), 'tencent: [unclosed');
    expect(loadSeedFile(join(dir, 'seed.json')).tencent?.disks?.[0]?.id).toBe('disk-j');
    expect(() => loadSeedFile(join(dir, 'bad.yaml'))).toThrow(/not valid YAML/);
    expect(() => loadSeedFile(join(dir, 'missing.yaml'))).toThrow(/cannot read seed/);
    const fromFile = await startSimulator({ seed: join(dir, 'seed.json') });
    expect((fromFile.state().tencent as { disks: unknown[] }).disks).toHaveLength(1);
    await fromFile.stop();
  });
});

describe('lifecycle', () => {
  it('binds loopback only and stop() closes idle keep-alive sockets', async () => {
    const own = await startSimulator({ rateLimits: false });
    expect(own.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      httpRequest(`${own.url}/_sim/health`, { agent }, (res) => res.resume().on('end', resolve))
        .on('error', reject)
        .end(),
    );
    const started = Date.now();
    await own.stop();
    // Under the 5 s keep-alive timeout a server that left idle sockets open would wait out.
    expect(Date.now() - started).toBeLessThan(4_000);
    agent.destroy();
  });
});
