/**
 * The console event {"doctor": true} through the BUILT bundles, as SCF calls them: the same
 * report as `scf-backup doctor --json` for the function's policies, returned and logged, with
 * no backup made; {"sendTestAlert": true} sends one marked test message to each channel.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DoctorAnswer } from '../../lib/doctor/event';
import type { Check, DoctorReport } from '../../lib/doctor/types';
import { cli } from '../helpers/cli';
import { buildE2eBundles, E2E_POLICY, invoke, returned, type BuiltFunctions } from './bundles';
import { openScenario, READ_ACTION, type Scenario } from './scenario';

let built: BuiltFunctions;
beforeAll(async () => {
  built = await buildE2eBundles();
});
afterAll(() => built?.remove());

const open: Scenario[] = [];
afterAll(async () => {
  await Promise.all(open.map((scenario) => scenario.close()));
});
async function scenario(): Promise<Scenario> {
  const opened = await openScenario();
  open.push(opened);
  return opened;
}

/** Durations and measured skews differ from one run to the next; everything else must not. */
const withoutTimes = (checks: Check[]) => checks.map(({ ms: _ms, skewMs: _skew, ...check }) => check);

describe.concurrent('the doctor event in the built functions', () => {
  it('returns and logs the report `scf-backup doctor --json` gives for the same policies, and changes nothing', async ({
    expect,
  }) => {
    const world = await scenario();
    const invocation = await invoke(built, 'database-backup', [{ doctor: true }], { env: world.env });
    const answer = returned(invocation) as DoctorAnswer;
    const cli_ = await cli(
      ['doctor', '--policy', E2E_POLICY, '--only', 'mysql-daily,gauss-orders', '--json'],
      world.env,
    );
    const fromCli = JSON.parse(cli_.stdout) as DoctorReport;

    expect(cli_.code).toBe(0);
    expect(answer.status).toBe('ok');
    expect(answer.policies).toEqual(['mysql-daily', 'gauss-orders']);
    expect(withoutTimes(answer.checks)).toEqual(withoutTimes(fromCli.checks));
    expect(answer.counts).toEqual(fromCli.counts);
    expect(answer.checklist.filter((line) => line.startsWith('✗'))).toEqual([]);
    expect(answer.checklist.at(-1)).toMatch(/0 ✗, \d+ – not checkable: nothing to fix/);

    const last = invocation.logs.at(-1) ?? {};
    expect(last.message).toBe('doctor report');
    expect(last.checks).toEqual(answer.checks);
    expect(last.checklist).toEqual(answer.checklist);
    const calls = Object.entries(await world.stats())
      .filter(([, c]) => c.calls > 0)
      .map(([api]) => api);
    expect(calls.length).toBeGreaterThan(0);
    // `unknown.(none)`: the endpoint check's unsigned GET of the host, which names no action.
    expect(calls.filter((api) => !READ_ACTION.test(api))).toEqual(['unknown.(none)']);
    expect(world.receivers.received).toEqual([]);
  });

  it('names the same ✗ as the CLI: a refused action, seen with the function’s own keys', async ({
    expect,
  }) => {
    const world = await scenario();
    await world.faults({
      errorRate: 1,
      errorCodes: ['AuthFailure.UnauthorizedOperation'],
      actions: ['cbs.DescribeDisks'],
    });
    const invocation = await invoke(built, 'disk-backup', [{ doctor: true }], { env: world.env });
    const answer = returned(invocation) as DoctorAnswer;

    expect(answer.status).toBe('fail');
    expect(answer.checklist.filter((line) => line.startsWith('✗'))).toEqual([
      '✗ permission  cvm:DescribeDisks: cbs.DescribeDisks was refused: AuthFailure.UnauthorizedOperation → fix: ' +
        "grant cvm:DescribeDisks to the function's execution role (scf-backup cam-policy prints the grant)",
    ]);
  });

  it('sends one marked test message per channel with sendTestAlert, and refuses a malformed doctor event', async ({
    expect,
  }) => {
    const world = await scenario();
    const invocation = await invoke(
      built,
      'warehouse-backup',
      [{ doctor: true, sendTestAlert: true }, { doctor: 'yes' }],
      { env: world.env },
    );
    const answer = returned(invocation, 0) as DoctorAnswer;

    expect(answer.status).toBe('ok');
    expect(answer.checks.filter((c) => c.area === 'alert').map((c) => `${c.subject} ${c.status}`)).toEqual([
      'ops-dingtalk ok',
      'ops-feishu ok',
      'ops-hook ok',
    ]);
    expect(world.receivers.received.map((r) => r.service).sort()).toEqual(['dingtalk', 'feishu', 'webhook']);
    for (const message of world.receivers.received) {
      expect(message.body.toString('utf8')).toContain('TEST from scf-backup doctor');
    }
    const refused = invocation.results[1];
    expect(refused?.ok).toBe(false);
    expect(refused?.ok === false && refused.error.message).toContain('doctor event: doctor:');
    expect(JSON.stringify(invocation.logs)).not.toContain(world.secrets.dingtalkSecret);
  });
});
