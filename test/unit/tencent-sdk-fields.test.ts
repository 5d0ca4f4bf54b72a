/**
 * The standing cross-check, Tencent side (issue 10 item 7): every action the project calls, with
 * the request fields it sends and the response fields it reads, checked against the official Node
 * SDK's models (tencentcloud-sdk-nodejs, installed version, `*_models.d.ts`). The targets run
 * against a recording caller whose answers record every property read; the deploy and the
 * continuation send real requests to a simulator, observed as received.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TencentCaller } from '../../lib/cloud/types';
import { createScfApi } from '../../lib/deploy/scf-api';
import { invokeContinuation } from '../../lib/middleware/continuation';
import { parsePolicyText } from '../../lib/policy';
import { TARGETS } from '../../lib/targets/registry';
import type { BackupTarget, CloudClientSet, EnsureTarget } from '../../lib/targets/types';
import { startSimulator, type RunningSimulator } from '../../sim';
import { observeTencentRequests } from '../../sim/observe';
import { cli } from '../helpers/cli';
import { sdkModels, tracked, unknownReadPaths, unknownRequestFields } from '../helpers/sdk-models';
import { storedZip } from '../helpers/zip';

interface Recorded {
  service: string;
  action: string;
  params: object;
  reads: Set<string>;
}

/** Canned answers with the fields a target needs to go down every path it has. */
const ANSWERS: Record<string, object> = {
  DescribeDisks: {
    TotalCount: 1,
    DiskSet: [{ DiskId: 'disk-1', DiskName: 'd', Tags: [{ Key: 'backup', Value: 'nightly' }] }],
  },
  DescribeDiskBackups: {
    TotalCount: 1,
    DiskBackupSet: [
      { DiskBackupId: 'dbp-1', DiskId: 'disk-1', DiskBackupName: 'n', DiskBackupState: 'NORMAL' },
    ],
  },
  CreateDiskBackup: { DiskBackupId: 'dbp-2' },
  DescribeDBInstances: {
    TotalCount: 1,
    Items: [
      {
        InstanceId: 'cdb-1',
        InstanceName: 'c',
        InstanceType: 1,
        TagList: [{ TagKey: 'backup', TagValue: 'nightly' }],
      },
    ],
  },
  DescribeBackups: {
    TotalCount: 1,
    Items: [{ BackupId: 1, InstanceId: 'cdb-1', ManualBackupName: 'n', Status: 'SUCCESS', Way: 'manual' }],
  },
  CreateBackup: { BackupId: 2 },
  DescribeBackupStorageLocations: {
    BackupStorageLocationSet: [
      {
        Name: 'prod',
        StorageRegion: 'ap-guangzhou',
        Bucket: 'tke-backup-1',
        Path: '',
        Provider: 'tencentcloud',
        State: 'Available',
        Message: '',
      },
    ],
  },
  GetFunction: { FunctionName: 'f', Status: 'Active' },
  ListTriggers: {
    TotalCount: 1,
    Triggers: [{ TriggerName: 't', Type: 'timer', TriggerDesc: '{}', Enable: 1 }],
  },
  Invoke: { Result: { FunctionRequestId: 'req-1' } },
};

function recorder(): { caller: TencentCaller; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const caller = {
    async call(
      service: string,
      _version: string,
      action: string,
      _region: string | undefined,
      params: object,
    ) {
      const reads = new Set<string>();
      calls.push({ service, action, params: structuredClone(params), reads });
      return tracked({ RequestId: 'r', ...structuredClone(ANSWERS[action] ?? {}) }, reads);
    },
  } as TencentCaller;
  return { caller, calls };
}

const POLICIES = parsePolicyText(
  `version: 1
policies:
  - { name: disks-tag, kind: cbs-disk, schedule: '0 0 2 * * * *', regions: [ap-guangzhou], select: { tags: { backup: nightly } }, retention: { keepLast: 2 } }
  - { name: disks-id, kind: cbs-disk, schedule: '0 0 2 * * * *', regions: [ap-guangzhou], select: { ids: [disk-1] }, retention: { keepLast: 2 } }
  - { name: mysql-tag, kind: cdb-mysql, schedule: '0 0 2 * * * *', regions: [ap-guangzhou], select: { tags: { backup: nightly } }, retention: { keepLast: 2 }, options: { method: logical, tables: [{ db: app, table: users }] } }
  - { name: mysql-id, kind: cdb-mysql, schedule: '0 0 2 * * * *', regions: [ap-guangzhou], select: { ids: [cdb-1] }, retention: { keepLast: 2 }, options: { method: physical } }
  - { name: repos, kind: tke-repository, schedule: '0 0 2 * * * *', repositories: [{ name: prod, storageRegion: ap-guangzhou, bucket: tke-backup-1250000000, path: p, provider: tencentcloud }, { name: dr, storageRegion: ap-shanghai, bucket: tke-backup-2wds9k9p }] }
`,
  {},
  'fields.yaml',
).policies;

async function driveTargets(caller: TencentCaller): Promise<void> {
  const clients = { tencent: () => caller, huawei: () => undefined } as unknown as CloudClientSet;
  for (const policy of POLICIES) {
    const target = TARGETS[policy.kind];
    if (target.mode === 'ensure') {
      const ensure = target as unknown as EnsureTarget;
      await ensure.check(policy, clients);
      for (const repo of ['prod', 'dr']) await ensure.create(policy, repo, clients);
      continue;
    }
    const backup = target as unknown as BackupTarget;
    const resources = await backup.discover(policy, 'ap-guangzhou', clients);
    const listed = await backup.listBackups(policy, 'ap-guangzhou', resources, clients);
    const resource = resources[0] ?? { id: 'x', region: 'ap-guangzhou', tags: {} };
    await backup.createBackup(policy, resource, 'scfb-name', clients);
    const [first] = listed.get(resource.id) ?? [];
    if (first) await backup.deleteBackup(policy, resource, first, clients);
  }
}

describe('Tencent requests and responses against the Node SDK models', () => {
  it('every target action sends only model fields and reads only model fields', async () => {
    const { caller, calls } = recorder();
    await driveTargets(caller);
    const scf = createScfApi(caller, 'ap-guangzhou');
    await scf.getFunction('f');
    await scf.listTriggers('f');
    await invokeContinuation(
      caller,
      { function_name: 'scf-backup-disk-backup', tencentcloud_region: 'ap-guangzhou', namespace: 'default' },
      {},
      { trigger: 'timer', dryRun: false, force: false, now: new Date(0) } as never,
      { runId: 'r1', policies: [], status: 'continued' } as never,
    );

    const actions = [...new Set(calls.map((c) => `${c.service}.${c.action}`))].sort();
    expect(actions).toEqual([
      'cbs.CreateDiskBackup',
      'cbs.DeleteDiskBackups',
      'cbs.DescribeDiskBackups',
      'cbs.DescribeDisks',
      'cdb.CreateBackup',
      'cdb.DeleteBackup',
      'cdb.DescribeBackups',
      'cdb.DescribeDBInstances',
      'scf.GetFunction',
      'scf.Invoke',
      'scf.ListTriggers',
      'tke.CreateBackupStorageLocation',
      'tke.DescribeBackupStorageLocations',
    ]);
    const problems: string[] = [];
    for (const call of calls) {
      const models = sdkModels(call.service);
      for (const field of unknownRequestFields(models, `${call.action}Request`, call.params))
        problems.push(`${call.service}.${call.action} sends ${field}`);
      for (const path of unknownReadPaths(models, `${call.action}Response`, call.reads))
        problems.push(`${call.service}.${call.action} reads ${path}`);
    }
    expect(problems).toEqual([]);
    // The reads were recorded (so an unknown one would have been seen).
    const reads = new Set(calls.flatMap((c) => [...c.reads].map((r) => `${c.action}:${r}`)));
    for (const read of [
      'DescribeDisks:DiskSet[].DiskId',
      'DescribeDBInstances:Items[].InstanceType',
      'Invoke:Result.FunctionRequestId',
    ])
      expect(reads, read).toContain(read);
    // The check itself can fail: a misspelt field is named.
    const models = sdkModels('cbs');
    expect(
      unknownRequestFields(models, 'DescribeDisksRequest', { Filters: [{ Name: 'x', Value: ['y'] }] }),
    ).toEqual(['Filters[].Value']);
    expect(unknownReadPaths(models, 'DescribeDisksResponse', ['DiskSet[].DiskID'])).toEqual([
      'DiskSet[].DiskID',
    ]);
  });

  describe('the deploy, as the simulator receives it', () => {
    let sim: RunningSimulator;
    let scratch: string;
    beforeAll(async () => {
      sim = await startSimulator({ transitionMs: 20 });
      scratch = mkdtempSync(join(tmpdir(), 'scfb-fields-'));
    });
    afterAll(async () => {
      await sim.stop();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('sends only model fields in every SCF management request', async () => {
      const functions = ['disk-backup', 'database-backup', 'warehouse-backup', 'backup-repository'];
      const zip = join(scratch, 'code.zip');
      const policy = {
        version: 1,
        policies: [
          {
            name: 'disks-tag',
            kind: 'cbs-disk',
            schedule: '0 0 2 * * * *',
            regions: ['ap-guangzhou'],
            select: { tags: { backup: 'nightly' } },
            retention: { keepLast: 2 },
          },
        ],
      };
      writeFileSync(
        zip,
        storedZip({
          ...Object.fromEntries(
            functions.map((f) => [`${f}.js`, 'exports.main_handler = async () => ({});\n']),
          ),
          'policy.json': JSON.stringify(policy),
        }),
      );
      const received: Array<{ action: string; body: unknown }> = [];
      const stop = observeTencentRequests((request) => {
        received.push({
          action: String(request.headers['x-tc-action']),
          body: JSON.parse(request.body.toString('utf8')),
        });
      });
      const env = {
        TENCENTCLOUD_ENDPOINT: sim.url,
        TENCENTCLOUD_SECRETID: sim.credentials.tencent.secretId,
        TENCENTCLOUD_SECRETKEY: sim.credentials.tencent.secretKey,
        SCF_BACKUP_WEBHOOK_SECRET: 'fields-test-secret-1f2e3d',
      };
      try {
        const first = await cli(['deploy', '--zip', zip], env);
        expect(first.code, first.stderr).toBe(0);
        // A second deploy with other code goes down the update paths.
        writeFileSync(
          zip,
          storedZip({
            ...Object.fromEntries(
              functions.map((f) => [`${f}.js`, 'exports.main_handler = async () => ({ v: 2 });\n']),
            ),
            'policy.json': JSON.stringify(policy),
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
        const second = await cli(['deploy', '--zip', zip], env);
        expect(second.code, second.stderr).toBe(0);
      } finally {
        stop();
      }
      const models = sdkModels('scf');
      const actions = [...new Set(received.map((r) => r.action))].sort();
      expect(actions).toEqual(
        expect.arrayContaining([
          'CreateFunction',
          'CreateTrigger',
          'GetFunction',
          'ListTriggers',
          'UpdateFunctionCode',
        ]),
      );
      const problems = received.flatMap((r) =>
        unknownRequestFields(models, `${r.action}Request`, r.body).map((f) => `scf.${r.action} sends ${f}`),
      );
      expect(problems).toEqual([]);
    });
  });
});
