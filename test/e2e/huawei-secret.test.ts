/**
 * Huawei keys from a Tencent SSM secret, through the BUILT bundles against the simulator: the
 * function's variables hold only HUAWEICLOUD_SDK_SECRET_NAME; it reads the keys once per
 * invocation with its role's temporary Tencent keys (docs/deploy.md "Secrets at rest"). The
 * keys, and the secret's text, never appear in anything the function emits.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { EXAMPLE_SEED_PATH } from '../../sim';
import { loadSeedFile } from '../../sim/seed';
import { buildE2eBundles, invoke, reportOf, type BuiltFunctions, type Invocation } from './bundles';
import { timerEvent } from './events';
import { callsBetween, openScenario, type Scenario } from './scenario';

// Recognizable keys: the simulator's Huawei keys, which its seeded secret holds.
const HUAWEI = { ak: 'SSMSECRETTESTAK00001', sk: 'SSM-SECRET-TEST-HUAWEI-SK-c0ffee0d' };
const SECRET_NAME = 'scf-backup-huawei-keys'; // sim/example-seed.yaml

let built: BuiltFunctions;
const open: Scenario[] = [];
beforeAll(async () => {
  built = await buildE2eBundles();
});
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  built?.remove();
});

/** Keys the cloud refuses, which it quotes back (the AK): a secret's values are secrets too. */
const REFUSED = { ak: 'SSMREFUSEDTESTAK0001', sk: 'SSM-REFUSED-HUAWEI-SK-c0ffee0e' };
const example = loadSeedFile(EXAMPLE_SEED_PATH);
const SEED = {
  ...example,
  tencent: {
    ...example.tencent,
    secrets: [
      ...(example.tencent?.secrets ?? []),
      { name: 'refused-keys', region: 'ap-guangzhou', secretString: JSON.stringify(REFUSED) },
    ],
  },
};

/** A world whose function environment names the secret instead of holding the keys. */
async function secretWorld(extra: Record<string, string> = {}): Promise<Scenario> {
  const world = await openScenario({ credentials: { huawei: HUAWEI }, seed: SEED });
  open.push(world);
  const { HUAWEICLOUD_SDK_AK: _ak, HUAWEICLOUD_SDK_SK: _sk, ...env } = world.env;
  world.env = { ...env, HUAWEICLOUD_SDK_SECRET_NAME: SECRET_NAME, ...extra };
  return world;
}

/** Every place a key could show: logs, stderr, what was returned or thrown, alert bodies. */
function emitted(world: Scenario, run: Invocation): string {
  const alerts = world.receivers.received.map((r) => r.body.toString('utf8'));
  return [run.stdout, run.stderr, JSON.stringify(run.results), ...alerts].join('\n');
}

function expectNoKeys(text: string, expect: (v: unknown) => { not: { toContain(s: string): void } }) {
  for (const keys of [HUAWEI, REFUSED]) {
    const secretText = JSON.stringify(keys);
    for (const value of [keys.ak, keys.sk, secretText, encodeURIComponent(keys.sk)])
      expect(text).not.toContain(value);
    expect(text).not.toContain(Buffer.from(secretText).toString('base64').slice(4, -4));
  }
}

describe('Huawei keys from an SSM secret (built bundles, simulator)', () => {
  it('a Huawei-kind function with only the secret name backs up, reading the secret once', async ({
    expect,
  }) => {
    const world = await secretWorld();
    const before = await world.stats();
    const run = await invoke(built, 'warehouse-backup', [timerEvent('warehouse-backup', new Date())], {
      env: world.env,
    });
    const report = reportOf(run);
    expect(report.status).toBe('succeeded');
    const calls = callsBetween(before, await world.stats());
    expect(calls['ssm.GetSecretValue']).toBe(1);
    expect(calls['dws.CreateSnapshot']).toBe(1);
    const snapshots = (await world.state()).huawei.dws.snapshots.map((s) => s.name);
    expect(snapshots.some((name) => name.startsWith('scfb-dws-nightly-'))).toBe(true);
    expectNoKeys(emitted(world, run), expect);
  });

  it('a wrong secret name fails with the SSM code, names the secret, and creates nothing', async ({
    expect,
  }) => {
    const world = await secretWorld({ HUAWEICLOUD_SDK_SECRET_NAME: 'no-such-secret' });
    const before = await world.stats();
    const stateBefore = await world.state();
    const run = await invoke(built, 'warehouse-backup', [timerEvent('warehouse-backup', new Date())], {
      env: world.env,
    });
    const [result] = run.results;
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.error.name).toBe('HuaweiSecretReadError');
    expect(result.error.message).toMatch(
      /^HUAWEICLOUD_SDK_SECRET_NAME: cannot read the Huawei keys from SSM secret "no-such-secret" \(version SSM_Current\) in ap-guangzhou: ResourceNotFound\.SecretNotExist: /,
    );
    const calls = callsBetween(before, await world.stats());
    expect(Object.keys(calls)).toEqual(['ssm.GetSecretValue']);
    expect(await world.state()).toEqual(stateBefore);
    expectNoKeys(emitted(world, run), expect);
  });

  it('keys from the secret that the cloud refuses (and quotes back) are redacted everywhere', async ({
    expect,
  }) => {
    const world = await secretWorld({ HUAWEICLOUD_SDK_SECRET_NAME: 'refused-keys' });
    const run = await invoke(built, 'warehouse-backup', [timerEvent('warehouse-backup', new Date())], {
      env: world.env,
    });
    const report = reportOf(run);
    expect(report.status).toBe('failed');
    // The cloud's message quoted the refused AK: it was in the report, redacted.
    expect(JSON.stringify(report)).toContain('ak:[REDACTED]');
    expect(world.receivers.received.length).toBeGreaterThan(0);
    expectNoKeys(emitted(world, run), expect);
  });

  it('refuses the secret name and plain keys together, before any call', async ({ expect }) => {
    const world = await secretWorld({ HUAWEICLOUD_SDK_SK: HUAWEI.sk });
    const before = await world.stats();
    const run = await invoke(built, 'warehouse-backup', [timerEvent('warehouse-backup', new Date())], {
      env: world.env,
    });
    const [result] = run.results;
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.error.message).toBe(
      'HUAWEICLOUD_SDK_SECRET_NAME and HUAWEICLOUD_SDK_SK are both set: give the Huawei keys one way ' +
        'only (the SSM secret, or the plain variables)',
    );
    expect(callsBetween(before, await world.stats())).toEqual({});
    expectNoKeys(emitted(world, run), expect);
  });

  it('a function whose selected policies are all Tencent kinds never reads the secret', async ({
    expect,
  }) => {
    const world = await secretWorld();
    const before = await world.stats();
    const run = await invoke(built, 'disk-backup', [timerEvent('disk-backup', new Date())], {
      env: world.env,
    });
    expect(reportOf(run).status).toBe('succeeded');
    expect(callsBetween(before, await world.stats())['ssm.GetSecretValue']).toBeUndefined();
  });
});
