/**
 * The doctor's parts on their own: the field check of answers, the registry it relies on (every
 * read a target makes has its field list; every action cam-policy grants pairs with its API),
 * how refusals are read, and the clock limits of each cloud.
 */
import { describe, expect, it } from 'vitest';
import { CloudError } from '../../lib/errors/cloud-error';
import { checkLine } from '../../lib/doctor/checklist';
import { clockCheck, endpointCheck, hostsOf, MAX_SKEW_MS, type HostProbe } from '../../lib/doctor/hosts';
import { parsePolicyText } from '../../lib/policy';
import { credentialsCheck } from '../../lib/doctor/record-checks';
import { refusalOf } from '../../lib/doctor/refusals';
import { fieldProblems, RESPONSE_FIELDS } from '../../lib/doctor/response-fields';
import { emptyRegion, selectionChecks } from '../../lib/doctor/selection-checks';
import { writeActionNote } from '../../lib/doctor/write-actions';
import { fail } from '../../lib/doctor/types';
import { HUAWEI_IAM_DISCOVERY } from '../../lib/targets/huawei-project';
import { TARGETS } from '../../lib/targets/registry';

const READ_API = /\.(Describe|List|Show)/;

describe('fieldProblems', () => {
  const disks = (disk: Record<string, unknown>) => ({ TotalCount: 1, DiskSet: [disk], RequestId: 'r' });

  it('accepts an answer with every field the target reads, whatever else it has', () => {
    expect(fieldProblems('cbs.DescribeDisks', disks({ DiskId: 'disk-1', DiskName: null, Extra: 1 }))).toEqual(
      [],
    );
  });

  it('names a missing field by its path, once for all items, and the near name the answer has', () => {
    const answer = { TotalCount: 2, DiskSet: [{ DiskID: 'disk-1' }, { DiskID: 'disk-2' }] };
    expect(fieldProblems('cbs.DescribeDisks', answer)).toEqual([
      'DiskSet[].DiskId is missing (the answer has DiskID)',
    ]);
    expect(fieldProblems('cbs.DescribeDisks', { DiskSet: [] })).toEqual(['TotalCount is missing']);
  });

  it('names a field of another type, nested ones included', () => {
    expect(fieldProblems('cbs.DescribeDisks', disks({ DiskId: 7 }))).toEqual([
      'DiskSet[].DiskId is number, expected string',
    ]);
    expect(
      fieldProblems('cbs.DescribeDisks', disks({ DiskId: 'd', Tags: [{ Key: 'a', Value: null }] })),
    ).toEqual(['DiskSet[].Tags[].Value is null, expected string']);
    expect(fieldProblems('dws.ListClusters', { clusters: 'none' })).toEqual([
      'clusters is string, expected array',
    ]);
  });

  it('checks nothing for an API it has no field list of', () => {
    expect(fieldProblems('scf.Invoke', { anything: 1 })).toEqual([]);
  });
});

describe('the registry the doctor relies on', () => {
  const targets = Object.values(TARGETS);

  it('has the field list of every read API a target calls, and of nothing else', () => {
    const reads = targets.flatMap((t) => t.apis.filter((api) => READ_API.test(api)));
    // Two kinds may read the same API (cbs-disk and cbs-snapshot both DescribeDisks): one field list.
    // Huawei project discovery (lib/cloud/huawei-projects.ts) reads IAM's answer too.
    expect(Object.keys(RESPONSE_FIELDS).sort()).toEqual(
      [...new Set(reads), 'iam.KeystoneListProjects'].sort(),
    );
  });

  it('pairs each granted action with its API, in the order each target declares them', () => {
    for (const target of targets) {
      // Huawei kinds grant project discovery last, beyond their own APIs.
      const actions = (target.permissions.tencentCam ?? target.permissions.huaweiIam ?? []).filter(
        (action) => action !== HUAWEI_IAM_DISCOVERY,
      );
      expect(actions, target.kind).toHaveLength(target.apis.length);
      if (target.cloud === 'tencent') {
        expect(
          actions.map((a) => a.split(':')[1]),
          target.kind,
        ).toEqual(target.apis.map((a) => a.split('.')[1]));
      }
    }
  });

  it('says for every write API whether a made-up id would tell its grant', () => {
    const writes = targets.flatMap((t) => t.apis.filter((api) => !READ_API.test(api)));
    for (const api of [...writes, 'scf.Invoke']) {
      expect(writeActionNote(api), api).not.toBe('not checked: the doctor makes no write call');
    }
    expect(writeActionNote('dws.DeleteSnapshot')).toMatch(
      /^not checkable without side effects: DWS answers DWS\.0015/,
    );
    expect(writeActionNote('cbs.DeleteDiskBackups')).toMatch(
      /^not sent .* ResourceNotFound\.NotFound with it$/,
    );
  });
});

describe('refusalOf', () => {
  const error = (cloud: 'tencent' | 'huawei', code: string, message = 'm', httpStatus = 200) =>
    new CloudError({ cloud, api: 'x.Y', code, message, httpStatus });

  it.each([
    ['tencent', 'AuthFailure.SecretIdNotFound', 'm', 'key'],
    ['tencent', 'AuthFailure.SignatureFailure', 'm', 'key'],
    ['tencent', 'AuthFailure.SignatureExpire', 'm', 'clock'],
    ['tencent', 'AuthFailure.UnauthorizedOperation', 'm', 'permission'],
    ['tencent', 'UnauthorizedOperation', 'm', 'permission'],
    ['tencent', 'OperationDenied.UserHasNoStrategy', 'm', 'permission'],
    ['tencent', 'InvalidParameter', 'm', undefined],
    ['huawei', 'APIGW.0301', 'Incorrect IAM authentication information: verify aksk signature fail', 'key'],
    [
      'huawei',
      'APIGW.0301',
      'Incorrect IAM authentication information: calc ak sk signature fail:signature expired',
      'clock',
    ],
    ['huawei', 'DBS.200010', 'm', 'permission'],
    ['huawei', 'DWS.0015', 'm', 'permission'],
    ['huawei', 'DBS.200002', 'm', undefined],
  ] as const)('%s %s (%s) is %s', (cloud, code, message, expected) => {
    expect(refusalOf(error(cloud, code, message))).toBe(expected);
  });
});

describe('clockCheck', () => {
  const probe = (skewMs: number): HostProbe[] => [
    { origin: 'https://x', clouds: ['tencent', 'huawei'], regional: [], ms: 5, skewMs },
  ];

  it('holds each cloud to its own limit: Tencent 5 minutes, Huawei 15', () => {
    expect(MAX_SKEW_MS).toEqual({ tencent: 300_000, huawei: 900_000 });
    expect(clockCheck('tencent', probe(299_000)).status).toBe('ok');
    expect(clockCheck('tencent', probe(-301_000))).toMatchObject({
      status: 'fail',
      detail:
        'the local clock is 5 min 1 s ahead of https://x: tencent refuses signatures more than 5 min 0 s off',
    });
    expect(clockCheck('huawei', probe(-301_000)).status).toBe('ok');
    expect(clockCheck('huawei', probe(901_000)).status).toBe('fail');
  });

  it('cannot check without a Date', () => {
    expect(
      clockCheck('tencent', [{ origin: 'https://x', clouds: ['tencent'], regional: [], ms: 5 }]).status,
    ).toBe('skip');
  });
});

it('a ✗ line names its fix on the same line', () => {
  expect(
    checkLine(fail('credentials', 'huawei', 'HUAWEICLOUD_SDK_SK is not set', 'set HUAWEICLOUD_SDK_SK')),
  ).toBe('✗ credentials huawei: HUAWEICLOUD_SDK_SK is not set → fix: set HUAWEICLOUD_SDK_SK');
});

describe('hosts', () => {
  const file = parsePolicyText(
    `version: 1
policies:
  - { name: disks, kind: cbs-disk, schedule: '0 0 2 * * * *', regions: [ap-guangzhou], select: { all: true }, retention: { keepLast: 1 } }
  - { name: dws, kind: dws-cluster, schedule: '0 0 2 * * * *', regions: [cn-north-4, cn-nort-9], allowRegions: [cn-nort-9], select: { all: true }, retention: { keepLast: 1 }, projectIds: { cn-north-4: 0123456789abcdef0123456789abcdef } }
`,
    {},
  );

  it("are the clients' own: each service's host, and each Huawei region's", () => {
    const hosts = hostsOf(file.policies, { endpoints: {} });
    expect([...hosts.keys()]).toEqual([
      'https://cbs.tencentcloudapi.com',
      'https://dws.cn-north-4.myhuaweicloud.com',
      'https://dws.cn-nort-9.myhuaweicloud.com',
      // cn-nort-9 has no id given: it is discovered through IAM (the global host for a region
      // the SDK's IAM table lacks).
      'https://iam.myhuaweicloud.com',
    ]);
    expect([...(hosts.get('https://dws.cn-nort-9.myhuaweicloud.com')?.regional ?? [])]).toEqual([
      'cn-nort-9 of policy dws',
    ]);
    // Behind an endpoint override every call goes to one host, which names no region.
    const sim = hostsOf(file.policies, {
      endpoints: { tencent: 'http://127.0.0.1:4566', huawei: 'http://127.0.0.1:4566' },
    });
    expect([...sim.entries()]).toEqual([
      ['http://127.0.0.1:4566', { clouds: new Set(['tencent', 'huawei']), regional: new Set() }],
    ]);
  });

  it("a region's host that does not resolve names the region to correct", () => {
    const probe: HostProbe = {
      origin: 'https://dws.cn-nort-9.myhuaweicloud.com',
      clouds: ['huawei'],
      regional: ['cn-nort-9 of policy dws'],
      ms: 3,
      error: 'ENOTFOUND',
    };
    expect(endpointCheck(probe)).toMatchObject({
      status: 'fail',
      detail: 'no answer: ENOTFOUND',
      fix: expect.stringMatching(/^correct region cn-nort-9 of policy dws; or let the function/),
    });
    expect(endpointCheck({ ...probe, regional: [] }).fix).toMatch(/^let the function/);
  });
});

describe('credentialsCheck', () => {
  const expired = new CloudError({
    cloud: 'huawei',
    api: 'dws.ListClusters',
    code: 'APIGW.0301',
    message: 'Incorrect IAM authentication information: calc ak sk signature fail:signature expired',
    httpStatus: 401,
  });
  const records = [{ cloud: 'huawei' as const, api: 'dws.ListClusters', error: expired, fieldProblems: [] }];

  it('blames the clock for an expired signature when the clock line failed, else the temporary key', () => {
    expect(credentialsCheck('huawei', records, true).status).toBe('skip');
    expect(credentialsCheck('huawei', records, false)).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/^renew the temporary key: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK/),
    });
  });
});

describe('selection checks, by the rules a run applies', () => {
  const policyOf = (select: string, extra = '') =>
    parsePolicyText(
      `version: 1
policies:
  - { name: pp, kind: cbs-disk, schedule: '0 0 2 * * * *', regions: [ap-guangzhou, ap-shanghai], select: ${select}, retention: { keepLast: 1 }${extra} }
`,
      {},
    ).policies[0] as Extract<ReturnType<typeof parsePolicyText>['policies'][number], { kind: 'cbs-disk' }>;
  const disk = (id: string) => ({ id, region: 'ap-guangzhou', tags: {} });

  it('a tag selection is NothingSelected per region, unless allowEmpty', () => {
    expect(emptyRegion(policyOf('{ tags: { backup: x } }'), 'ap-shanghai')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/^NothingSelected: nothing selected in ap-shanghai \(tags backup=x/),
    });
    expect(emptyRegion(policyOf('{ tags: { backup: x } }', ', allowEmpty: true'), 'ap-shanghai').status).toBe(
      'ok',
    );
  });

  it('ids alone: a region without them is fine, an id no region has is the ✗, and none at all is NothingSelected', () => {
    const policy = policyOf('{ ids: [disk-0001, disk-0009] }');
    expect(emptyRegion(policy, 'ap-shanghai').status).toBe('ok');
    expect(selectionChecks(policy, [[disk('disk-0001')], []])).toEqual([
      expect.objectContaining({
        status: 'fail',
        detail: 'selected by id but not found in ap-guangzhou, ap-shanghai: disk-0009',
      }),
    ]);
    expect(selectionChecks(policy, [[], []])).toEqual([
      expect.objectContaining({ status: 'fail', detail: expect.stringMatching(/^NothingSelected: /) }),
    ]);
    // A region that could not be checked leaves the policy-wide verdict open.
    expect(selectionChecks(policy, [[]])).toEqual([]);
  });
});
