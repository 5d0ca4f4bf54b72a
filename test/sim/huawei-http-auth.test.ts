/**
 * The gateway in front of the Huawei routes, driven with the official AKSKSigner: a wrong secret
 * key is refused with 401 APIGW.0301 on every API and changes nothing; a project that is not the
 * seeded one gets the service's own answer; stats count under `<service>.<action>`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PROD, DB_ORDERS, PROJECT, huaweiSeed } from './huawei-fixture';
import { startHuaweiSim } from './huawei-signed';

let fixture: Awaited<ReturnType<typeof startHuaweiSim>>;
beforeAll(async () => {
  fixture = await startHuaweiSim(1000);
});
afterAll(() => fixture.sim.stop());

const call: typeof fixture.call = (...args) => fixture.call(...args);
const dwsPath = (rest: string): string => `/v1.0/${PROJECT}${rest}`;
const gaussPath = (rest: string): string => `/v3/${PROJECT}${rest}`;
const SEEDED_SNAPSHOT = huaweiSeed().dwsSnapshots?.[0]?.id ?? '';
const SEEDED_BACKUP = huaweiSeed().gaussdbBackups?.[0]?.id ?? '';

describe('Huawei authentication and project checks through the simulator', () => {
  it.each<[string, string, string, unknown]>([
    [
      'dws.CreateSnapshot',
      'POST',
      dwsPath('/snapshots'),
      { snapshot: { name: 'snap-x', cluster_id: CLUSTER_PROD } },
    ],
    ['dws.ListSnapshots', 'GET', dwsPath('/snapshots'), undefined],
    ['dws.ListSnapshotDetails', 'GET', dwsPath(`/snapshots/${SEEDED_SNAPSHOT}`), undefined],
    ['dws.DeleteSnapshot', 'DELETE', dwsPath(`/snapshots/${SEEDED_SNAPSHOT}`), undefined],
    ['dws.ListClusters', 'GET', dwsPath('/clusters'), undefined],
    [
      'gaussdb.CreateGaussMySqlBackup',
      'POST',
      gaussPath('/backups/create'),
      { instance_id: DB_ORDERS, name: 'backup-x' },
    ],
    ['gaussdb.ShowGaussMySqlBackupList', 'GET', gaussPath('/backups'), undefined],
    ['gaussdb.DeleteGaussMySqlBackup', 'DELETE', gaussPath(`/backups/${SEEDED_BACKUP}`), undefined],
    ['gaussdb.ListGaussMySqlInstances', 'GET', gaussPath('/instances'), undefined],
  ])(
    '%s signed with a wrong SK gets 401 APIGW.0301 and changes nothing',
    async (_key, method, path, body) => {
      const before = JSON.stringify(fixture.sim.state().huawei);
      const denied = await call(method, path, { body, sk: 'W'.repeat(40) });
      expect(denied.status).toBe(401);
      expect(denied.body.error_code).toBe('APIGW.0301');
      expect(JSON.stringify(fixture.sim.state().huawei)).toBe(before);
    },
  );

  it('answers a signed request for another project with the service code (403 DWS.0015)', async () => {
    const other = 'ffffffffffffffffffffffffffffffff';
    const foreign = await call('GET', `/v1.0/${other}/clusters`, { projectHeader: other });
    expect([foreign.status, foreign.body.error_code]).toEqual([403, 'DWS.0015']);
  });

  it('counts each call under <service>.<action> in the stats', () => {
    const stats = fixture.sim.stats();
    expect(stats['dws.CreateSnapshot']?.calls).toBeGreaterThan(0);
    expect(stats['gaussdb.CreateGaussMySqlBackup']?.authFailed).toBeGreaterThan(0);
  });
});
