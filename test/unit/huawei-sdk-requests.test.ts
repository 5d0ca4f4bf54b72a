/**
 * The standing cross-check, Huawei side (issue 10 item 7): every Huawei call the project makes,
 * its method, path, query parameters, body fields and the response fields it reads, against a
 * table transcribed from the official SDK's request definitions
 * (test/fixtures/huawei-sdk-requests.json: SDK file and commit per row). The targets and the
 * project-id discovery run against a recording caller whose answers record every property read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProjectDiscovery } from '../../lib/cloud/huawei-projects';
import type { HuaweiCaller, HuaweiRequest } from '../../lib/cloud/types';
import { parsePolicyText } from '../../lib/policy';
import { TARGETS } from '../../lib/targets/registry';
import type { BackupTarget, CloudClientSet } from '../../lib/targets/types';
import { tracked } from '../helpers/sdk-models';

interface Row {
  api: string;
  method: string;
  path: string;
  query: string[];
  body: string[];
  response: string[];
  source: string[];
}
const TABLE = JSON.parse(readFileSync('test/fixtures/huawei-sdk-requests.json', 'utf8')) as {
  commit: string;
  methods: Row[];
};

/** Field paths of a JSON value: `snapshot`, `snapshot.name`, `tags[].key`. */
function fieldPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => fieldPaths(item, `${path}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    return [at, ...fieldPaths(child, at)];
  });
}

const ANSWERS: Record<string, object> = {
  'dws.ListClusters': {
    clusters: [{ id: 'c1', name: 'n', tags: [{ key: 'backup', value: 'nightly' }] }],
    count: 1,
  },
  'dws.ListSnapshots': {
    snapshots: [{ id: 's1', name: 'n', cluster_id: 'c1', status: 'AVAILABLE', type: 'MANUAL' }],
    count: 1,
  },
  'dws.CreateSnapshot': { snapshot: { id: 's2' } },
  'gaussdb.ListGaussMySqlInstancesUnifyStatus': {
    instances: [{ id: 'g1', name: 'n', tags: [{ key: 'backup', value: 'nightly' }] }],
    total_count: 1,
  },
  'gaussdb.ShowGaussMySqlBackupList': {
    backups: [{ id: 'b1', name: 'n', instance_id: 'g1', status: 'COMPLETED', type: 'manual' }],
    total_count: 1,
  },
  'gaussdb.CreateGaussMySqlBackup': { backup: { id: 'b2' }, job_id: 'j' },
  'iam.KeystoneListProjects': { projects: [{ id: '0123456789abcdef0123456789abcdef', name: 'cn-north-4' }] },
};

interface Recorded {
  request: HuaweiRequest;
  reads: Set<string>;
}

function recorder(): { caller: HuaweiCaller; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const caller = {
    async call(request: HuaweiRequest) {
      const reads = new Set<string>();
      calls.push({ request: structuredClone(request), reads });
      const api = `${request.service}.${request.action}`;
      return { status: 200, body: tracked(structuredClone(ANSWERS[api] ?? {}), reads) };
    },
  } as HuaweiCaller;
  return { caller, calls };
}

const POLICIES = parsePolicyText(
  `version: 1
policies:
  - { name: dws-tag, kind: dws-cluster, schedule: '0 0 2 * * * *', regions: [cn-north-4], select: { tags: { backup: nightly } }, retention: { keepLast: 2 } }
  - { name: gauss-tag, kind: gaussdb-mysql, schedule: '0 0 2 * * * *', regions: [cn-north-4], select: { tags: { backup: nightly } }, retention: { keepLast: 2 } }
`,
  {},
  'huawei.yaml',
).policies;

function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.]/g, '\\.').replace(/\{[a-z_]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/** Every problem of one recorded call against the SDK's definition of its method. */
function problemsOf({ request, reads }: Recorded): string[] {
  const api = `${request.service}.${request.action}`;
  const row = TABLE.methods.find((r) => r.api === api);
  if (!row) return [`${api}: not in the SDK table`];
  const problems: string[] = [];
  if (request.method !== row.method) problems.push(`${api}: method ${request.method}, SDK ${row.method}`);
  if (!pathPattern(row.path).test(request.path))
    problems.push(`${api}: path ${request.path}, SDK ${row.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined && !row.query.includes(name)) problems.push(`${api}: query ${name}`);
  }
  for (const field of fieldPaths(request.body))
    if (!row.body.includes(field)) problems.push(`${api}: body ${field}`);
  for (const read of reads) if (!row.response.includes(read)) problems.push(`${api}: reads ${read}`);
  return problems;
}

async function driveAll(caller: HuaweiCaller): Promise<void> {
  const clients: CloudClientSet = {
    tencent: () => {
      throw new Error('no Tencent here');
    },
    huawei: () => caller,
    discoverHuaweiProject: createProjectDiscovery(() => caller),
  };
  for (const policy of POLICIES) {
    const target = TARGETS[policy.kind] as unknown as BackupTarget;
    const resources = await target.discover(policy, 'cn-north-4', clients);
    const listed = await target.listBackups(policy, 'cn-north-4', resources, clients);
    const [resource] = resources;
    if (!resource) throw new Error(`${policy.kind}: nothing discovered`);
    await target.createBackup(policy, resource, 'scfb-name', clients);
    const [backup] = listed.get(resource.id) ?? [];
    if (!backup) throw new Error(`${policy.kind}: nothing listed`);
    await target.deleteBackup(policy, resource, backup, clients);
  }
}

describe('Huawei calls against the SDK request definitions', () => {
  it('names the SDK commit and a source file for every row', () => {
    expect(TABLE.commit).toMatch(/^[0-9a-f]{40}$/);
    for (const row of TABLE.methods) expect(row.source.length, row.api).toBeGreaterThan(0);
  });

  it('every call the project makes matches its method, path, query, body and response fields', async () => {
    const { caller, calls } = recorder();
    await driveAll(caller);
    const apis = [...new Set(calls.map((c) => `${c.request.service}.${c.request.action}`))].sort();
    // Every row is exercised, and nothing outside the table is called.
    expect(apis).toEqual(TABLE.methods.map((r) => r.api).sort());
    expect(calls.flatMap(problemsOf)).toEqual([]);
    const reads = new Set(calls.flatMap((c) => [...c.reads]));
    for (const read of ['clusters[].tags[].key', 'snapshots[].cluster_id', 'instances[].id', 'projects[].id'])
      expect(reads, read).toContain(read);
    // One discovery for the region, though both policies and all their calls needed its project.
    expect(calls.filter((c) => c.request.service === 'iam')).toHaveLength(1);
  });

  it('names a call that strays from the definitions', () => {
    const reads = new Set(['clusters[].tag']);
    const stray: Recorded = {
      request: {
        service: 'dws',
        action: 'ListClusters',
        region: 'cn-north-4',
        method: 'GET',
        path: '/v2/p/clusters',
        query: { limit: '10' },
      },
      reads,
    };
    expect(problemsOf(stray)).toEqual([
      'dws.ListClusters: path /v2/p/clusters, SDK /v1.0/{project_id}/clusters',
      'dws.ListClusters: query limit',
      'dws.ListClusters: reads clusters[].tag',
    ]);
  });
});
