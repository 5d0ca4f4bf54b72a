/**
 * Errors before calls, all at once (issue 13 item 2), through the CLI: every missing credential of
 * every selected cloud in one message; unset alert variables are warnings for plan/run (the CLI
 * sends no alerts) but errors for validate; a schedule that never fires again is an error; the
 * settings that defeat each other are warnings; zone abbreviations are refused with IANA names.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { simEnv } from '../helpers/sim-harness';

let sim: RunningSimulator;
const dir = mkdtempSync(join(tmpdir(), 'scfb-errors-'));
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
});
afterAll(() => sim.stop());

const stats = async () => (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Record<string, unknown>;
const NOW = '2026-11-24T18:05:00Z';

function policyFile(name: string, policies: string, head = ''): string {
  const path = join(dir, name);
  writeFileSync(path, `version: 1\n${head}policies:\n${policies}`);
  return path;
}

const disks = (name: string, extra: string) =>
  `  - name: ${name}\n    kind: cbs-disk\n    regions: [ap-guangzhou]\n    select: { tags: { backup: nightly } }\n${extra}`;

describe('missing credentials', () => {
  it('names every missing variable of every selected cloud in one message, exit 2, nothing called', async () => {
    const env = { TENCENTCLOUD_ENDPOINT: sim.url, HUAWEICLOUD_ENDPOINT: sim.url };

    const result = await cli(['run', '--policy', 'policies/example.yaml', '--now', NOW], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'missing credentials: environment variables TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, ' +
        'HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK are not set (the selected policies use Tencent Cloud and Huawei Cloud)\n',
    );
    expect(result.stdout).toBe('');
    expect(await stats()).toEqual({});
  });

  it('asks only for the clouds of the selected policies', async () => {
    const env = { TENCENTCLOUD_ENDPOINT: sim.url, TENCENTCLOUD_SECRETID: 'AKIDonly' };

    const result = await cli(['plan', '--only', 'nightly-disks', '--now', NOW], env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('environment variable TENCENTCLOUD_SECRETKEY is not set');
    expect(result.stderr).not.toContain('HUAWEICLOUD');
    expect(await stats()).toEqual({});
  });
});

describe('alert channel variables', () => {
  const path = policyFile(
    'alerts.yaml',
    disks('nightly', "    schedule: '0 0 2 * * * *'\n    retention: { keepLast: 7 }\n"),
    "defaults: { alerts: [ops] }\nalerts:\n  ops: { type: wecom, url: '${env:WECOM_TEST_URL}' }\n",
  );

  it('plan: an unset one is a warning, and the plan runs', async () => {
    const result = await cli(['plan', '--policy', path, '--now', NOW], simEnv(sim));

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: alerts.ops.url: environment variable WECOM_TEST_URL is not set: fine for this command ' +
        '(the CLI sends no alerts), but a deployed function refuses to start without it\n',
    );
    expect(result.stdout).toContain('create  planned');
  });

  it('status: an unset one is a warning too, and the status is shown', async () => {
    const result = await cli(['status', '--policy', path, '--now', NOW], simEnv(sim));

    expect(result.stderr).toContain(
      'warning: alerts.ops.url: environment variable WECOM_TEST_URL is not set',
    );
    expect(result.stdout).toContain('nightly (cbs-disk)');
  });

  it('validate: still an error (it checks what a deployed function needs)', async () => {
    const result = await cli(['validate', '--policy', path, '--now', NOW]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('alerts.ops.url: environment variable WECOM_TEST_URL is not set');
  });

  it('plan: other problems of the file are still errors, named together', async () => {
    const broken = policyFile(
      'alerts-broken.yaml',
      disks('nightly', "    schedule: '0 0 2 * * * *'\n    retention: { keepLst: 7 }\n"),
      "defaults: { alerts: [ops] }\nalerts:\n  ops: { type: wecom, url: '${env:WECOM_TEST_URL}' }\n",
    );

    const result = await cli(['plan', '--policy', broken, '--now', NOW], simEnv(sim));

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('policies[0].retention.keepLst: unknown key');
    expect(result.stderr).not.toContain('WECOM_TEST_URL is not set\n');
  });
});

describe('schedules checked against the calendar', () => {
  it('a schedule that never fires again is an error, before any call', async () => {
    const path = policyFile(
      'past.yaml',
      disks('old', "    schedule: '0 0 2 * * * 2020'\n    retention: { keepLast: 7 }\n"),
    );
    const before = await stats();

    for (const command of ['validate', 'plan', 'run']) {
      const result = await cli([command, '--policy', path, '--now', NOW], simEnv(sim));
      expect(result.code, command).toBe(2);
      expect(result.stderr).toBe(
        `${path}: policies[0].schedule: '0 0 2 * * * 2020' never fires again after 2026-11-24T18:05:00Z ` +
          '(no slot in the next 10 years) (policy old)\n',
      );
    }
    expect(await stats()).toEqual(before);
  });

  it('warns when maxAge is shorter than the interval, catchUp longer, or minKeep outlives maxAge', async () => {
    const path = policyFile(
      'advice.yaml',
      disks(
        'weekly-short',
        "    schedule: '0 0 2 * * SUN *'\n    catchUp: 2w\n    retention: { keepLast: 7, maxAge: 3d }\n",
      ) +
        disks(
          'weekly-floor',
          "    schedule: '0 0 2 * * SUN *'\n    retention: { keepLast: 7, maxAge: 10d, minKeep: 2 }\n",
        ) +
        disks(
          'fine',
          "    schedule: '0 0 2 * * * *'\n    retention: { keepLast: 7, maxAge: 30d, minKeep: 2 }\n",
        ),
    );

    const result = await cli(['validate', '--policy', path, '--now', NOW]);

    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([
      'warning: weekly-short: catchUp 14 d is longer than the 7 d between slots: only the latest slot is ever ' +
        'backed up, so a missed older slot inside the window is still skipped',
      'warning: weekly-short: maxAge 3 d is shorter than the 7 d between slots: each backup expires before ' +
        'the next one is made, and only minKeep (1) keeps any',
      'warning: weekly-floor: minKeep 2 × the 7 d between slots is more than maxAge 10 d: minKeep keeps ' +
        'backups older than maxAge',
    ]);
  });

  it('the example policy gets no warning', async () => {
    const result = await cli(['validate', '--now', NOW]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('time zones', () => {
  it.each([
    ['CST', 'Asia/Shanghai (China Standard Time), America/Chicago (US Central) or America/Havana (Cuba)'],
    ['ist', 'Asia/Kolkata (India), Asia/Jerusalem (Israel) or Europe/Dublin (Ireland)'],
  ])('the abbreviation %s is refused with the IANA names to use', async (zone, names) => {
    const path = policyFile(
      `zone-${zone}.yaml`,
      disks(
        'zoned',
        `    schedule: '0 0 2 * * * *'\n    timezone: ${zone}\n    retention: { keepLast: 7 }\n`,
      ),
    );

    const result = await cli(['validate', '--policy', path]);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${path}: policies[0].timezone: \`${zone}\` is an abbreviation, which means different zones in ` +
        `different places; write the IANA name: ${names} (policy zoned)\n`,
    );
  });

  it('Asia/Beijing suggests Asia/Shanghai', async () => {
    const path = policyFile(
      'beijing.yaml',
      disks(
        'zoned',
        "    schedule: '0 0 2 * * * *'\n    timezone: Asia/Beijing\n    retention: { keepLast: 7 }\n",
      ),
    );

    const result = await cli(['validate', '--policy', path]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`Asia/Beijing` is not an IANA time zone (did you mean `Asia/Shanghai`?');
  });
});
