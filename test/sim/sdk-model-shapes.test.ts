/**
 * The simulator's Tencent request and response shapes, field by field, against the official
 * models (tencentcloud-sdk-nodejs, tencentcloud/services/<svc>/v<version>/<svc>_models.d.ts), for
 * every action the simulator serves:
 * - each parameter the simulator declares is a field of `<Action>Request`, and a value of the
 *   model's type is accepted as that type;
 * - each field of an answer is a field of `<Action>Response` (recursively through the models'
 *   structures), with a JSON value of the model's type (null allowed: the SDK documents it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { createTencentSimCloud } from '../../sim/tencent';
import { storedZip } from '../helpers/zip';
import { GZ, tc3Call } from './sim-helpers';

type Fields = Map<string, string>;
type Models = Map<string, Fields>;

const SDK = join(__dirname, '../../node_modules/tencentcloud-sdk-nodejs/tencentcloud/services');

function loadModels(service: string, version: string): Models {
  const file = join(SDK, service, `v${version.replace(/-/g, '')}`, `${service}_models.d.ts`);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const models: Models = new Map();
  for (const node of source.statements) {
    if (!ts.isInterfaceDeclaration(node)) continue;
    const fields: Fields = new Map();
    for (const member of node.members) {
      if (ts.isPropertySignature(member) && member.type)
        fields.set(member.name.getText(source), member.type.getText(source));
    }
    models.set(node.name.text, fields);
  }
  return models;
}

/** Where `value` parts from the model type `type`, as `path: why` lines. */
function mismatches(models: Models, type: string, value: unknown, path: string): string[] {
  if (value === null) return [];
  if (type.includes(' | ') && !type.startsWith('Array<')) {
    const each = type.split(' | ').map((t) => mismatches(models, t, value, path));
    return each.some((m) => m.length === 0) ? [] : (each[0] ?? []);
  }
  if (type === 'bigint')
    return typeof value === 'number' ? [] : [`${path}: ${JSON.stringify(value)} is not a number`];
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) return [`${path}: ${JSON.stringify(value)} is not ${type}`];
    return value.flatMap((item, i) => mismatches(models, array[1] as string, item, `${path}[${i}]`));
  }
  if (type === 'string' || type === 'number' || type === 'boolean') {
    return typeof value === type ? [] : [`${path}: ${JSON.stringify(value)} is not a ${type}`];
  }
  const fields = models.get(type);
  if (!fields) return []; // any, unknown, an inline type: nothing to hold the value to
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not a ${type}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, field]) => {
    const fieldType = fields.get(name);
    if (fieldType === undefined) return [`${path}.${name}: not a field of ${type}`];
    return mismatches(models, fieldType, field, `${path}.${name}`);
  });
}

/** A value of the model's type (every field of a structure filled), to offer the simulator. */
function sampleOf(models: Models, type: string, depth = 0): unknown {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return [sampleOf(models, array[1] as string, depth)];
  const alternative = type.split(' | ')[0] as string;
  if (alternative === 'string') return 'x';
  if (alternative === 'number' || alternative === 'bigint') return 1;
  if (alternative === 'boolean') return true;
  const fields = depth < 3 ? models.get(alternative) : undefined;
  return Object.fromEntries([...(fields ?? [])].map(([name, t]) => [name, sampleOf(models, t, depth + 1)]));
}

const zip = storedZip({ 'index.js': 'exports.main_handler = async () => 1;' }).toString('base64');
type Params = Record<string, unknown>;
const snapshotId = () => ({ SnapshotIds: [answers.get('cbs.CreateSnapshot')?.SnapshotId] });
/** One valid call per action, in an order that leaves something to describe and delete. */
const CALLS: Array<[string, Params | (() => Params)]> = [
  ['cbs.DescribeDisks', {}],
  ['cbs.CreateDiskBackup', { DiskId: 'disk-0001', DiskBackupName: 'shape-check' }],
  ['cbs.DescribeDiskBackups', {}],
  ['cbs.DeleteDiskBackups', { DiskBackupIds: ['dbp-manu0001'] }],
  ['cbs.CreateSnapshot', { DiskId: 'disk-0001', SnapshotName: 'shape-check' }],
  ['cbs.DescribeSnapshots', {}],
  [
    'cbs.CopySnapshotCrossRegions',
    () => ({
      SnapshotId: snapshotId().SnapshotIds[0],
      DestinationRegions: ['ap-shanghai'],
      SnapshotName: 'c',
    }),
  ],
  ['cbs.DeleteSnapshots', snapshotId],
  ['cdb.DescribeDBInstances', {}],
  ['cdb.CreateBackup', { InstanceId: 'cdb-0001', BackupMethod: 'physical', ManualBackupName: 'shape-check' }],
  ['cdb.DescribeBackups', { InstanceId: 'cdb-0002' }],
  ['cdb.DeleteBackup', { InstanceId: 'cdb-0002', BackupId: 200000002 }],
  ['tke.DescribeBackupStorageLocations', {}],
  [
    'tke.CreateBackupStorageLocation',
    { StorageRegion: 'ap-guangzhou', Bucket: 'tke-backup-1250000000', Name: 'shape-check', Path: 'p' },
  ],
  ['tke.DeleteBackupStorageLocation', { Name: 'legacy-repo' }],
  ['scf.Invoke', { FunctionName: 'shape-fn', InvocationType: 'Event', ClientContext: '{}' }],
  [
    'scf.CreateFunction',
    {
      FunctionName: 'shape-fn',
      Code: { ZipFile: zip },
      Handler: 'index.main_handler',
      Runtime: 'Nodejs18.15',
    },
  ],
  ['scf.GetFunction', { FunctionName: 'shape-fn' }],
  [
    'scf.CreateTrigger',
    { FunctionName: 'shape-fn', TriggerName: 't1', Type: 'timer', TriggerDesc: '0 0 2 * * * *' },
  ],
  ['scf.ListTriggers', { FunctionName: 'shape-fn' }],
  ['scf.DeleteTrigger', { FunctionName: 'shape-fn', TriggerName: 't1', Type: 'timer' }],
  ['scf.UpdateFunctionConfiguration', { FunctionName: 'shape-fn', MemorySize: 256 }],
  ['scf.UpdateFunctionCode', { FunctionName: 'shape-fn', ZipFile: zip }],
  ['ssm.GetSecretValue', { SecretName: 'scf-backup-huawei-keys', VersionId: 'SSM_Current' }],
];

const specs = createTencentSimCloud({}, { transitionMs: 1 }, { now: () => 0 }).actions;
const versionOf = new Map(specs.map((s) => [`${s.service}.${s.action}`, s.version]));
const modelsOf = new Map<string, Models>();
const models = (api: string): Models => {
  const service = api.split('.')[0] as string;
  let found = modelsOf.get(service);
  if (!found) modelsOf.set(service, (found = loadModels(service, versionOf.get(api) as string)));
  return found;
};

let sim: RunningSimulator;
let nowMs = Date.now();
const answers = new Map<string, Record<string, unknown>>();

async function call(api: string, params: Record<string, unknown>) {
  const [service, action] = api.split('.') as [string, string];
  const version = versionOf.get(api) as string;
  return (await tc3Call(sim, { service, action, version, region: GZ, params })).json.Response as Record<
    string,
    unknown
  >;
}

beforeAll(async () => {
  // Transitions finish as soon as the clock is moved, so each call finds the state it needs.
  sim = await startSimulator({ rateLimits: false, transitionMs: 1000, clock: { now: () => nowMs } });
  for (const [api, params] of CALLS) {
    nowMs += 2000;
    answers.set(api, await call(api, typeof params === 'function' ? params() : params));
  }
});
afterAll(() => sim.stop());

describe('the simulator against the tencentcloud-sdk-nodejs models', () => {
  it('has a checked call for every Tencent action it serves', () => {
    expect(CALLS.map(([api]) => api).sort()).toEqual([...versionOf.keys()].sort());
  });

  it.each(CALLS)(
    '%s: every parameter it declares is a field of the Request model, of its type',
    async (api) => {
      const request = models(api).get(`${api.split('.')[1]}Request`) as Fields;
      expect(request, api).toBeDefined();
      const probe = await call(api, { ZzNotAParameter: 1 });
      expect((probe.Error as { Code: string }).Code).toBe('UnknownParameter');
      const known = /Known parameters: (.*)\.$/
        .exec((probe.Error as { Message: string }).Message)?.[1]
        ?.split(', ');
      expect(known?.length, api).toBeGreaterThan(0);
      for (const name of known ?? []) {
        const type = request.get(name);
        expect(type, `${api} ${name}`).toBeDefined();
        const answer = await call(api, { [name]: sampleOf(models(api), type as string) });
        const error = answer.Error as { Code: string; Message: string } | undefined;
        expect(`${error?.Code} ${error?.Message}`, `${api} ${name}: ${type}`).not.toMatch(
          new RegExp(`^InvalidParameter The parameter \`${name}\` must be`),
        );
      }
    },
  );

  it.each(CALLS)('%s: its answer holds only Response-model fields, of their types', (api, params) => {
    const { RequestId, Error: error, ...fields } = answers.get(api) ?? {};
    expect(error, `${api} ${JSON.stringify(params)}`).toBeUndefined();
    expect(RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(mismatches(models(api), `${api.split('.')[1]}Response`, fields, api)).toEqual([]);
  });

  it('checked non-trivial answers (a list of each kind of record)', () => {
    const count = (api: string, field: string) =>
      (answers.get(api)?.[field] as unknown[] | undefined)?.length;
    expect(count('cbs.DescribeDisks', 'DiskSet')).toBeGreaterThan(0);
    expect(count('cbs.DescribeDiskBackups', 'DiskBackupSet')).toBeGreaterThan(0);
    expect(count('cbs.DescribeSnapshots', 'SnapshotSet')).toBeGreaterThan(0);
    expect(count('cbs.CopySnapshotCrossRegions', 'SnapshotCopyResultSet')).toBeGreaterThan(0);
    expect(count('cdb.DescribeDBInstances', 'Items')).toBeGreaterThan(0);
    expect(count('cdb.DescribeBackups', 'Items')).toBeGreaterThan(0);
    expect(count('tke.DescribeBackupStorageLocations', 'BackupStorageLocationSet')).toBeGreaterThan(0);
    expect(count('scf.ListTriggers', 'Triggers')).toBeGreaterThan(0);
  });
});
