/**
 * `scf-backup doctor` against the simulator over real HTTP: all good on the example policy, and
 * each thing a first contact can meet (a wrong key, a clock off, a region without a project, an
 * answer with a renamed field, a refused action, an alert channel that cannot be reached) gives
 * exactly one ✗ line that names the fix, and exit status 1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, type TestContext } from 'vitest';
import { formatChecklist } from '../../lib/doctor/checklist';
import { runDoctor } from '../../lib/doctor/run';
import type { DoctorReport } from '../../lib/doctor/types';
import { loadPolicyFile, selectPolicies } from '../../lib/policy/load';
import { EXAMPLE_SEED_PATH, startSimulator, type FaultConfig, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { simAdmin, type SimStats } from '../helpers/sim-admin';
import { simEnv } from '../helpers/sim-harness';
import { startReceivers, unreachableBase } from './alert-receivers';

const EXAMPLE = 'policies/example.yaml';
const ALERTS_POLICY = 'test/fixtures/doctor-alerts-policy.yaml';
const UNKNOWN_REGION_POLICY = 'test/fixtures/doctor-unknown-region.yaml';
const NOTHING_SELECTED_POLICY = 'test/fixtures/doctor-nothing-selected.yaml';
const NO_PROJECT_POLICY = 'test/fixtures/doctor-region-without-project.yaml';
const HEARTBEAT_POLICY = 'test/fixtures/doctor-heartbeat-policy.yaml';

/** A simulator of its own for one test (faults are per simulator), stopped when the test ends. */
async function simulator(context: TestContext, faults?: FaultConfig): Promise<RunningSimulator> {
  const sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
  context.onTestFinished(() => sim.stop());
  if (faults) await simAdmin(sim.url).faults(faults);
  return sim;
}

const failed = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('✗'));

/** Every call that could change something: the doctor must make none. */
function writeCalls(stats: SimStats): string[] {
  return Object.entries(stats)
    .filter(([api, counters]) => /\.(Create|Delete|Modify|Invoke)/.test(api) && counters.calls > 0)
    .map(([api]) => api);
}

describe.concurrent('scf-backup doctor against the simulator', () => {
  it('finds nothing to fix on the example policy, calls only read APIs, and exits 0', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const result = await cli(['doctor', '--policy', EXAMPLE], simEnv(sim));

    expect(result.stderr).toBe('');
    expect(failed(result.stdout)).toEqual([]);
    expect(result.code).toBe(0);
    for (const line of [
      '✓ credentials tencent: keys accepted (cbs.DescribeDisks answered)',
      '✓ credentials huawei: keys accepted (dws.ListClusters answered)',
      '✓ discovery   nightly-disks ap-guangzhou: 2 selected: disk-0001, disk-0002',
      '✓ listing     nightly-disks ap-guangzhou: 1 backup of disk-0001 listed',
      '✓ discovery   tke-repos: 0 present, 2 to create on the first run (prod-backups, dr-backups)',
      '✓ fields      cbs.DescribeDisks: the answer has every field scf-backup reads',
      '✓ permission  cvm:DescribeDisks: exercised: cbs.DescribeDisks answered',
      '✓ permission  gaussdb:backup:list: exercised: gaussdb.ShowGaussMySqlBackupList answered',
    ]) {
      expect(result.stdout).toContain(line);
    }
    expect(result.stdout).toMatch(
      /^✓ clock {7}tencent: the local clock agrees with http:\/\/127\.0\.0\.1:\d+ within 5 min 0 s \(skew [+-]\d+\.\d s\)$/m,
    );
    expect(result.stdout).toMatch(
      /^✓ endpoint {4}http:\/\/127\.0\.0\.1:\d+ \(tencent, huawei\): answers \(\d+ ms\)$/m,
    );
    expect(result.stdout).toMatch(
      /^– permission {2}cvm:CreateDiskBackup: not sent \(the doctor makes no write call\); checkable without side effects: a CreateDiskBackup of a made-up DiskId answers AuthFailure.UnauthorizedOperation without the grant, InvalidDiskId.NotFound with it$/m,
    );
    expect(result.stdout).toMatch(
      /^– permission {2}dws:openAPISnapshot:delete: not checkable without side effects: DWS answers DWS\.0015 \(403\) both/m,
    );
    expect(writeCalls(await simAdmin(sim.url).stats())).toEqual([]);
  });

  it('prints the same checks as JSON with --json', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const result = await cli(
      ['doctor', '--policy', EXAMPLE, '--only', 'nightly-disks', '--json'],
      simEnv(sim),
    );

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(report.status).toBe('ok');
    expect(report.policies).toEqual(['nightly-disks']);
    expect(report.counts.fail).toBe(0);
    expect(report.checks).toContainEqual({
      area: 'discovery',
      subject: 'nightly-disks ap-guangzhou',
      status: 'ok',
      detail: '2 selected: disk-0001, disk-0002',
    });
  });

  it('a wrong key: one ✗ naming the variables, and the key is not printed', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const env = { ...simEnv(sim), TENCENTCLOUD_SECRETKEY: 'WrongKeyWrongKeyWrongKey0123456' };
    const result = await cli(['doctor', '--policy', EXAMPLE], env);

    expect(failed(result.stdout)).toEqual([
      '✗ credentials tencent: cbs.DescribeDisks refused the key: AuthFailure.SignatureFailure → fix: check ' +
        'TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for temporary keys): ' +
        'the key must exist, be enabled and be copied without spaces',
    ]);
    expect(result.stdout).toContain(
      '– discovery   nightly-disks ap-guangzhou: not checkable: cbs.DescribeDisks was refused (AuthFailure.SignatureFailure), see the credentials line',
    );
    expect(result.stdout).not.toContain('WrongKeyWrongKey');
    expect(result.code).toBe(1);
  });

  it('a key variable not set: one ✗ saying which to set', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const env = { ...simEnv(sim), HUAWEICLOUD_SDK_SK: undefined };
    const result = await cli(['doctor', '--policy', EXAMPLE], env);

    expect(failed(result.stdout)).toEqual([
      '✗ credentials huawei: HUAWEICLOUD_SDK_SK is not set → fix: set HUAWEICLOUD_SDK_SK',
    ]);
    expect(result.code).toBe(1);
  });

  it('a clock 10 minutes off: one ✗ for Tencent (5 min), none for Huawei (15 min)', async (context) => {
    const { expect } = context;
    const sim = await simulator(context, { dateSkewMs: 10 * 60_000 });
    const result = await cli(['doctor', '--policy', EXAMPLE], simEnv(sim));

    expect(failed(result.stdout)).toEqual([
      expect.stringMatching(
        /^✗ clock {7}tencent: the local clock is (9|10) min \d+ s behind http:\/\/127\.0\.0\.1:\d+: tencent refuses signatures more than 5 min 0 s off → fix: synchronise the clock \(NTP\)/,
      ),
    ]);
    expect(result.stdout).toMatch(
      /^✓ clock {7}huawei: the local clock agrees with http:.* within 15 min 0 s \(skew \+(59\d|60\d)\.\d s\)$/m,
    );
    expect(result.code).toBe(1);
  });

  it('an unknown region (allowed past validation on purpose) the cloud refuses: one ✗ naming the region to correct', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const result = await cli(['doctor', '--policy', UNKNOWN_REGION_POLICY], simEnv(sim));

    expect(failed(result.stdout)).toEqual([
      '✗ discovery   nightly-disks ap-guangzhuo: cbs.DescribeDisks refused region ap-guangzhuo: UnsupportedRegion → ' +
        'fix: correct region ap-guangzhuo of policy nightly-disks',
    ]);
    expect(result.stdout).toContain('✓ credentials tencent: keys accepted (cbs.DescribeDisks answered)');
    expect(result.code).toBe(1);
  });

  it('a region with nothing selected: one ✗ NothingSelected naming the region and the selection', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const nothing = await cli(['doctor', '--policy', NOTHING_SELECTED_POLICY], simEnv(sim));
    expect(failed(nothing.stdout)).toEqual([
      '✗ discovery   weekly-disks ap-guangzhou: NothingSelected: nothing selected in ap-guangzhou (tags ' +
        'backup=monthly; no exclusions); set allowEmpty: true if that is expected → fix: check region ' +
        'ap-guangzhou and select (ids, tags, exclude) of policy weekly-disks',
    ]);
    expect(nothing.code).toBe(1);
  });

  it('a local clock 10 minutes slow: Tencent refuses the signatures, one ✗ on the clock, none on the keys', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const env = simEnv(sim);
    const file = loadPolicyFile(EXAMPLE, env);
    const report = await runDoctor({
      file,
      policies: selectPolicies(file),
      env,
      clock: () => Date.now() - 10 * 60_000,
    });
    const text = formatChecklist(report);

    expect(failed(text)).toEqual([
      expect.stringMatching(
        /^✗ clock {7}tencent: the local clock is (9|10) min \d+ s behind http:.* → fix: synchronise/,
      ),
    ]);
    expect(text).toContain(
      '– credentials tencent: not checkable: signatures were refused as expired, see the clock line',
    );
    expect(text).toContain(
      '– discovery   nightly-disks ap-guangzhou: not checkable: cbs.DescribeDisks was refused (AuthFailure.SignatureExpire), see the clock line',
    );
    // 10 minutes is within Huawei's 15: its calls go through.
    expect(text).toContain('✓ credentials huawei: keys accepted (dws.ListClusters answered)');
    expect(report.status).toBe('fail');
  });

  it('a Huawei region without a project: one ✗ from IAM discovery, naming where to find the id', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const env = { ...simEnv(sim), HUAWEICLOUD_SDK_PROJECT_ID: undefined };
    const result = await cli(['doctor', '--policy', NO_PROJECT_POLICY], env);

    expect(failed(result.stdout)).toEqual([
      '✗ project     dws-east cn-east-3: no Huawei project named cn-east-3 in this account (IAM GET ' +
        "/v3/projects?name=cn-east-3): is the region opened? Otherwise give its id in the policy's projectIds → fix: " +
        'give the id of the project named cn-east-3 (IAM console, "My Credentials" → "Projects") in projectIds of policy dws-east',
    ]);
    expect(result.stdout).toContain(
      '– discovery   dws-east cn-east-3: not checkable: no project id, see the project line',
    );
    expect(result.stdout).toContain(
      '✓ permission  iam:projects:listProjects: exercised: iam.KeystoneListProjects answered',
    );
    expect(result.code).toBe(1);
  });

  it('a Huawei project id discovered through IAM when none is given: all good', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const env = { ...simEnv(sim), HUAWEICLOUD_SDK_PROJECT_ID: undefined };
    const result = await cli(['doctor', '--policy', EXAMPLE, '--only', 'gaussdb-6h'], env);

    expect(failed(result.stdout)).toEqual([]);
    expect(result.stdout).toContain(
      `✓ project     gaussdb-6h cn-north-4: ${sim.credentials.huawei.projectId} (discovered through IAM)`,
    );
    expect(result.stdout).toContain(
      '✓ fields      iam.KeystoneListProjects: the answer has every field scf-backup reads',
    );
    expect(result.code).toBe(0);
  });

  it('a given Huawei project id of another region: one ✗ on the project line', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const env = { ...simEnv(sim), HUAWEICLOUD_SDK_PROJECT_ID: 'ffffffffffffffffffffffffffffffff' };
    const result = await cli(['doctor', '--policy', EXAMPLE, '--only', 'gaussdb-6h'], env);

    expect(failed(result.stdout)).toEqual([
      expect.stringMatching(
        /^✗ project {5}gaussdb-6h cn-north-4: ffffffffffffffffffffffffffffffff is refused in cn-north-4: APIGW\.0301: .* → fix: give the id of the project named cn-north-4/,
      ),
    ]);
    expect(result.code).toBe(1);
  });

  it('an answer with a renamed field: one ✗ naming the field by both names', async (context) => {
    const { expect } = context;
    const sim = await simulator(context, {
      renameField: { action: 'cbs.DescribeDisks', from: 'DiskId', to: 'DiskID' },
    });
    const result = await cli(['doctor', '--policy', EXAMPLE], simEnv(sim));

    expect(failed(result.stdout)).toEqual([
      '✗ fields      cbs.DescribeDisks: DiskSet[].DiskId is missing (the answer has DiskID) → fix: the cloud answers ' +
        'in a shape scf-backup does not read: do not enable the timers; report these field names',
    ]);
    expect(result.stdout).toContain(
      '– discovery   nightly-disks ap-guangzhou: not checkable: an answer lacks fields scf-backup reads, see the fields line',
    );
    expect(result.code).toBe(1);
  });

  it('a Huawei answer with a renamed field, the same way', async (context) => {
    const { expect } = context;
    const sim = await simulator(context, {
      renameField: { action: 'dws.ListSnapshots', from: 'status', to: 'state' },
    });
    const result = await cli(['doctor', '--policy', EXAMPLE], simEnv(sim));

    expect(failed(result.stdout)).toEqual([
      expect.stringMatching(
        /^✗ fields {6}dws\.ListSnapshots: snapshots\[\]\.status is missing \(the answer has state\)/,
      ),
    ]);
    expect(result.code).toBe(1);
  });

  it.for([
    {
      faults: {
        errorRate: 1,
        errorCodes: ['AuthFailure.UnauthorizedOperation'],
        actions: ['cbs.DescribeDiskBackups'],
      },
      line:
        '✗ permission  cvm:DescribeDiskBackups: cbs.DescribeDiskBackups was refused: AuthFailure.UnauthorizedOperation → ' +
        "fix: grant cvm:DescribeDiskBackups to the function's execution role (scf-backup cam-policy prints the grant)",
    },
    {
      faults: {
        errorRate: 1,
        errorCodes: ['DBS.200010'],
        actions: ['gaussdb.ListGaussMySqlInstancesUnifyStatus'],
      },
      line:
        '✗ permission  gaussdb:instance:list: gaussdb.ListGaussMySqlInstancesUnifyStatus was refused: DBS.200010 → fix: grant ' +
        'gaussdb:instance:list to the IAM user of HUAWEICLOUD_SDK_AK (scf-backup cam-policy prints the grant)',
    },
  ])(
    'a refused action ($faults.errorCodes): one ✗ naming the action to grant',
    async ({ faults, line }, context) => {
      const { expect } = context;
      const sim = await simulator(context, faults);
      const result = await cli(['doctor', '--policy', EXAMPLE], simEnv(sim));

      expect(failed(result.stdout)).toEqual([line]);
      expect(result.code).toBe(1);
    },
  );

  it('an alert channel whose host does not resolve: one ✗ naming the variable, no URL secret shown', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    // RFC 6761: .invalid never resolves.
    const env = {
      ...simEnv(sim),
      WECOM_WEBHOOK_URL: 'https://alerts.invalid/cgi-bin/webhook/send?key=SeCrEtRoBoTkEy',
    };
    const result = await cli(['doctor', '--policy', ALERTS_POLICY], env);

    expect(failed(result.stdout)).toEqual([
      expect.stringMatching(
        /^✗ alert {7}ops-wecom: host alerts\.invalid does not resolve \((ENOTFOUND|EAI_AGAIN|EAI_FAIL)\) → fix: check WECOM_WEBHOOK_URL$/,
      ),
    ]);
    expect(result.stdout).not.toContain('SeCrEtRoBoTkEy');
    expect(result.code).toBe(1);
  });

  it('an alert channel that does not answer the test message: one ✗ (--send-test-alert)', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const env = {
      ...simEnv(sim),
      WECOM_WEBHOOK_URL: `${await unreachableBase()}/cgi-bin/webhook/send?key=k3y-k3y`,
    };
    const result = await cli(['doctor', '--policy', ALERTS_POLICY, '--send-test-alert'], env);

    expect(failed(result.stdout)).toEqual([
      expect.stringMatching(
        /^✗ alert {7}ops-wecom: 127\.0\.0\.1:\d+ did not answer: ECONNREFUSED → fix: check WECOM_WEBHOOK_URL$/,
      ),
    ]);
    expect(result.code).toBe(1);
  });

  it('--send-test-alert sends one message marked as a test and checks the answer', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const receivers = await startReceivers({
      clock: Date.now,
      dingtalkSecret: 'unused-d',
      feishuSecret: 'unused-f',
      webhookSecret: 'unused-w',
    });
    context.onTestFinished(() => receivers.close());
    const env = { ...simEnv(sim), WECOM_WEBHOOK_URL: `${receivers.base}/cgi-bin/webhook/send?key=k3y-k3y` };
    const quiet = await cli(['doctor', '--policy', ALERTS_POLICY], env);
    expect(receivers.received).toEqual([]);
    expect(quiet.stdout).toContain('✓ alert       ops-wecom: wecom URL parses and 127.0.0.1 resolves');

    const result = await cli(['doctor', '--policy', ALERTS_POLICY, '--send-test-alert'], env);

    expect(result.stdout).toMatch(
      /^✓ alert {7}ops-wecom: test message delivered to 127\.0\.0\.1:\d+ and accepted$/m,
    );
    expect(result.code).toBe(0);
    expect(receivers.of('wecom')).toHaveLength(1);
    expect(JSON.stringify(receivers.of('wecom')[0]?.json)).toContain(
      'TEST from scf-backup doctor: nothing failed',
    );
  });

  it('the heartbeat: checked without a ping, pinged once with --send-test-alert, its URL never shown', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const pings: string[] = [];
    const server = createServer((req, res) => {
      pings.push(req.url ?? '');
      res.writeHead(200).end('OK');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    context.onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping/hb-secret-uuid`;
    const env = { ...simEnv(sim), HEARTBEAT_URL: url };

    const quiet = await cli(['doctor', '--policy', HEARTBEAT_POLICY], env);
    expect(quiet.stdout).toMatch(/^✓ heartbeat {3}127\.0\.0\.1:\d+: URL parses and its host resolves/m);
    expect(pings).toEqual([]);

    const pinged = await cli(['doctor', '--policy', HEARTBEAT_POLICY, '--send-test-alert'], env);
    expect(pinged.stdout).toMatch(/^✓ heartbeat {3}127\.0\.0\.1:\d+: one ping answered HTTP 200$/m);
    expect(pings).toEqual(['/ping/hb-secret-uuid']);
    expect(pinged.code).toBe(0);
    expect(quiet.stdout + pinged.stdout).not.toContain('hb-secret-uuid');
  });

  it('bad input is exit status 2: an unknown policy name, an unknown option', async (context) => {
    const { expect } = context;
    const sim = await simulator(context);
    const unknown = await cli(['doctor', '--policy', EXAMPLE, '--only', 'nightly-disk'], simEnv(sim));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nightly-disk: no such policy (did you mean `nightly-disks`?)');

    const setting = await cli(['doctor', '--policy', EXAMPLE], {
      ...simEnv(sim),
      TENCENTCLOUD_REGIONAL_HOSTS: 'maybe',
    });
    expect(setting.code).toBe(2);
    expect(setting.stderr).toContain('TENCENTCLOUD_REGIONAL_HOSTS');

    const option = await cli(['doctor', '--polcy', EXAMPLE], simEnv(sim));
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('unknown option --polcy');
  });
});
