import { describe, expect, it } from 'vitest';
import {
  BACKUP_KINDS,
  loadPolicyFile,
  parsePolicyText,
  PolicyError,
  policyPath,
  selectPolicies,
  type PolicyFile,
} from '../../lib/policy';

/** A minimal valid file with one disk policy; `policy` lines replace or add fields. */
function disk(extra = '', head = '') {
  return `version: 1
${head}policies:
  - name: nightly-disks
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    regions: [ap-guangzhou]
    select: { tags: { backup: nightly } }
    retention: { keepLast: 7 }
${extra}`;
}

function issuesOf(text: string, env: Record<string, string> = {}) {
  try {
    parsePolicyText(text, env, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as PolicyError).issues;
  }
  throw new Error('expected the policy to be rejected');
}

describe('the example policy', () => {
  const file: PolicyFile = loadPolicyFile('policies/example.yaml', {});

  it('uses all six kinds, across both clouds', () => {
    expect(new Set(file.policies.map((p) => p.kind))).toEqual(new Set(BACKUP_KINDS));
  });

  it('applies defaults and converts durations to milliseconds', () => {
    const disks = file.policies.find((p) => p.name === 'nightly-disks');
    expect(disks).toMatchObject({
      kind: 'cbs-disk',
      enabled: true,
      timezone: 'Asia/Shanghai',
      catchUpMs: 86_400_000,
      alerts: [],
      select: { ids: [], tags: { backup: 'nightly' }, exclude: ['disk-0003'], all: false },
      retention: { keepLast: 7, maxAgeMs: 30 * 86_400_000, minKeep: 2 },
    });
    const gauss = file.policies.find((p) => p.name === 'gaussdb-6h');
    expect(gauss).toMatchObject({ catchUpMs: 6 * 3_600_000, retention: { keepLast: 4, minKeep: 1 } });
  });

  it('loads without any alert variable set: no enabled policy uses a channel', () => {
    expect(file.alerts['ops-wecom']).toEqual({ type: 'wecom', url: '${env:WECOM_WEBHOOK_URL}' });
    expect(selectPolicies(file).map((p) => p.name)).not.toContain('archive-disks');
  });
});

describe('parsePolicyText', () => {
  it('fills built-in defaults: Asia/Shanghai, a 1 h catch-up, no alerts, enabled, minKeep 1', () => {
    const [policy] = parsePolicyText(disk(), {}, 'x.yaml').policies;
    expect(policy).toMatchObject({
      timezone: 'Asia/Shanghai',
      catchUpMs: 3_600_000,
      alerts: [],
      enabled: true,
    });
    expect(policy!.kind === 'cbs-disk' && policy!.retention).toEqual({ keepLast: 7, minKeep: 1 });
  });

  it('lets a policy override defaults, and canonicalizes the zone name', () => {
    const text = disk(
      '    timezone: america/new_york\n    catchUp: 1d12h\n',
      'defaults: { timezone: UTC, catchUp: 2h }\n',
    );
    const [policy] = parsePolicyText(text, {}, 'x.yaml').policies;
    expect(policy).toMatchObject({ timezone: 'America/New_York', catchUpMs: 36 * 3_600_000 });
  });

  it('reads every kind-specific field', () => {
    const text = `version: 1
policies:
  - name: mysql
    kind: cdb-mysql
    schedule: '0 0 3 * * * *'
    regions: [ap-guangzhou, ap-shanghai-fsi]
    select: { all: true, exclude: [cdb-0002] }
    retention: { maxAge: 2w }
    options: { method: logical, tables: [{ db: app, table: users }, { db: billing }] }
  - name: repos
    kind: tke-repository
    schedule: '0 0 4 * * * *'
    repositories:
      - { name: prod, storageRegion: ap-guangzhou, bucket: tke-backup-1250000000, provider: tencentcloud }
  - name: warehouse
    kind: dws-cluster
    schedule: '0 0 1 * * SUN *'
    regions: [cn-north-4, ap-southeast-1]
    projectIds: { cn-north-4: '\${env:HW_PROJECT}', ap-southeast-1: fedcba9876543210fedcba9876543210 }
    select: { ids: [468660a2-c8ca-4f66-a4f7-02e3e3f05cef] }
    retention: { keepLast: 8 }
`;
    const file = parsePolicyText(text, { HW_PROJECT: '0123456789abcdef0123456789abcdef' }, 'x.yaml');
    expect(file.policies[0]).toMatchObject({
      select: { all: true, ids: [], tags: {}, exclude: ['cdb-0002'] },
      options: { method: 'logical', tables: [{ db: 'app', table: 'users' }, { db: 'billing' }] },
      retention: { maxAgeMs: 14 * 86_400_000, minKeep: 1 },
    });
    expect(file.policies[1]).toMatchObject({ repositories: [{ name: 'prod', provider: 'tencentcloud' }] });
    expect(file.policies[2]).toMatchObject({
      projectIds: {
        'cn-north-4': '0123456789abcdef0123456789abcdef',
        'ap-southeast-1': 'fedcba9876543210fedcba9876543210',
      },
    });
  });

  it('collects every issue, one line each, prefixed with the source and naming the policy', () => {
    const text = `version: 1
polices: []
policies:
  - name: nightly-disks
    kind: cbs-disk
    schedule: '0 0 25 * * * *'
    regions: [ap-guangzhou]
    select: { tags: { backup: nightly } }
    retention: { keepLast: 0 }
  - name: second
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    regions: [cn-north-4]
    select: {}
    retention: { keepLast: 1 }
`;
    let error: PolicyError | undefined;
    try {
      parsePolicyText(text, {}, 'policies/bad.yaml');
    } catch (e) {
      error = e as PolicyError;
    }
    expect(error?.message.split('\n')).toEqual([
      'policies/bad.yaml: polices: unknown key (did you mean `policies`?)',
      'policies/bad.yaml: policies[0].schedule: hour field: value 25 is out of range 0–23 (policy nightly-disks)',
      'policies/bad.yaml: policies[0].retention.keepLast: must be at least 1 (policy nightly-disks)',
      expect.stringMatching(
        /^policies\/bad.yaml: policies\[1\].regions\[0\]: `cn-north-4` is a Huawei Cloud region/,
      ),
      expect.stringMatching(/^policies\/bad.yaml: policies\[1\].select: selects nothing.*\(policy second\)$/),
    ]);
  });

  it.each([
    [
      'an unknown kind, listing the valid ones',
      disk().replace('cbs-disk', 'ebs-disk'),
      'policies[0].kind',
      /valid: cbs-disk, cdb-mysql, tke-repository, dws-cluster, gaussdb-mysql/,
    ],
    [
      'a typo, with a suggestion',
      disk('    regoins: [ap-guangzhou]\n'),
      'policies[0].regoins',
      /did you mean `regions`/,
    ],
    [
      'a key of another kind',
      disk('    repositories: []\n'),
      'policies[0].repositories',
      /not used by cbs-disk \(only by tke-repository\)/,
    ],
    ['a bad name', disk().replace('name: nightly-disks', 'name: x'), 'policies[0].name', /2–24 characters/],
    ['a bad duration', disk('    catchUp: 6hours\n'), 'policies[0].catchUp', /not a duration/],
    ['a zero duration', disk('    catchUp: 0h\n'), 'policies[0].catchUp', /longer than zero/],
    [
      'a bad project id',
      disk().replace('cbs-disk', 'gaussdb-mysql').replace('ap-guangzhou', 'cn-north-4') +
        '    projectId: xyz\n',
      'policies[0].projectId',
      /32 letters and digits/,
    ],
    [
      'minKeep above keepLast',
      disk().replace('{ keepLast: 7 }', '{ keepLast: 2, minKeep: 3 }'),
      'policies[0].retention.minKeep',
      /must not exceed keepLast \(2\)/,
    ],
    [
      'a TKE bucket without the prefix',
      `version: 1
policies:
  - { name: repos, kind: tke-repository, schedule: '0 0 4 * * * *', repositories: [{ name: a, storageRegion: ap-guangzhou, bucket: logs-1250000000 }] }
`,
      'policies[0].repositories[0].bucket',
      /must start with `tke-backup`/,
    ],
    [
      'an unsupported ${...} reference',
      disk('    timezone: "${TZ}"\n'),
      'policies[0].timezone',
      /only \$\{env:NAME\} references/,
    ],
  ])('rejects %s', (_what, text, path, message) => {
    const issue = issuesOf(text).find((i) => i.path === path);
    expect(issue?.message).toMatch(message);
  });

  it('refuses every character in a policy name but a–z, 0–9 and - (names go into backup names)', () => {
    for (const bad of [
      'nightly.db',
      'nightly_db',
      'Nightly',
      'night ly',
      'nightly/db',
      'nächtlich',
      'n+1',
      '9lives',
    ]) {
      const issue = issuesOf(disk().replace('name: nightly-disks', `name: '${bad}'`)).find(
        (i) => i.path === 'policies[0].name',
      );
      expect(issue?.message, bad).toBe('must start with a lowercase letter and use only a–z, 0–9 and -');
    }
    expect(parsePolicyText(disk().replace('nightly-disks', 'a-0'), {}, 'test.yaml').policies[0]?.name).toBe(
      'a-0',
    );
  });

  it('reports a YAML syntax error with its line and column', () => {
    const found = issuesOf('version: 1\npolicies: [\n  - a\n');
    expect(found.length).toBeGreaterThan(0);
    for (const issue of found) {
      expect(issue).toEqual({ path: '(yaml)', message: expect.stringMatching(/^line \d+, column \d+: \S/) });
    }
  });
});

describe('selectPolicies', () => {
  const file = parsePolicyText(
    disk(
      "  - { name: off, kind: cbs-disk, enabled: false, schedule: '0 0 3 * * * *', regions: [ap-guangzhou], select: { all: true }, retention: { keepLast: 1 } }\n",
    ),
    {},
    'x.yaml',
  );

  it('returns the enabled policies, narrowed to names when given', () => {
    expect(selectPolicies(file).map((p) => p.name)).toEqual(['nightly-disks']);
    expect(selectPolicies(file, []).map((p) => p.name)).toEqual(['nightly-disks']);
    expect(selectPolicies(file, ['nightly-disks']).map((p) => p.name)).toEqual(['nightly-disks']);
  });

  it('rejects an unknown name, listing the valid ones, and a disabled one', () => {
    expect(() => selectPolicies(file, ['nightly-disk'])).toThrow(
      /nightly-disk: no such policy \(did you mean `nightly-disks`\?\); the file has: nightly-disks, off/,
    );
    expect(() => selectPolicies(file, ['off'])).toThrow(/off: is disabled/);
  });
});

describe('loadPolicyFile and policyPath', () => {
  it('turns an unreadable file into a PolicyError', () => {
    expect(() => loadPolicyFile('policies/does-not-exist.yaml', {})).toThrow(PolicyError);
    expect(() => loadPolicyFile('policies/does-not-exist.yaml', {})).toThrow(
      'policies/does-not-exist.yaml: (file): cannot be read (ENOENT)',
    );
  });

  it('resolves $SCF_BACKUP_POLICY, else the example', () => {
    expect(policyPath({ SCF_BACKUP_POLICY: 'policies/prod.yaml' })).toBe('policies/prod.yaml');
    expect(policyPath({})).toBe('policies/example.yaml');
  });
});
