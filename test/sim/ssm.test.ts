/**
 * SSM GetSecretValue in the simulator, driven by the official tencentcloud-sdk-nodejs SSM client
 * (as test/sim/tencent-sdk.test.ts does for the backup services): the seeded secret that holds
 * the simulator's own Huawei keys, a secret's other forms and states, and the documented codes.
 */
import { ssm } from 'tencentcloud-sdk-nodejs/tencentcloud/services/ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../sim';
import { EXAMPLE_SEED_PATH } from '../../sim';
import { loadSeedFile } from '../../sim/seed';
import { GZ, sdkProfile } from './sim-helpers';

let sim: RunningSimulator;
const example = loadSeedFile(EXAMPLE_SEED_PATH);

beforeAll(async () => {
  sim = await startSimulator({
    rateLimits: false,
    seed: {
      ...example,
      tencent: {
        ...example.tencent,
        secrets: [
          ...(example.tencent?.secrets ?? []),
          { name: 'plain-text', region: GZ, versionId: 'v1', secretString: 'hello' },
          { name: 'binary', region: GZ, secretBinary: Buffer.from('bytes').toString('base64') },
          { name: 'off', region: GZ, secretString: 'x', status: 'Disabled' },
          { name: 'going', region: GZ, secretString: 'x', status: 'PendingDelete' },
        ],
      },
    },
  });
});
afterAll(() => sim.stop());

const client = (region = GZ) =>
  new ssm.v20190923.Client({
    credential: sim.credentials.tencentSession,
    region,
    profile: sdkProfile(sim, 'ssm'),
  });

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('SSM GetSecretValue (official SDK client)', () => {
  it("answers the seeded secret with the simulator's own Huawei keys, version SSM_Current", async () => {
    const answer = await client().GetSecretValue({
      SecretName: 'scf-backup-huawei-keys',
      VersionId: 'SSM_Current',
    });
    expect(answer.SecretName).toBe('scf-backup-huawei-keys');
    expect(answer.VersionId).toBe('SSM_Current');
    expect(answer.SecretBinary).toBe('');
    expect(JSON.parse(answer.SecretString ?? '')).toEqual({
      ak: sim.credentials.huawei.ak,
      sk: sim.credentials.huawei.sk,
    });
  });

  it('answers a named version, and a binary secret in SecretBinary only', async () => {
    const text = await client().GetSecretValue({ SecretName: 'plain-text', VersionId: 'v1' });
    expect(text.SecretString).toBe('hello');
    const binary = await client().GetSecretValue({ SecretName: 'binary', VersionId: 'SSM_Current' });
    expect(binary.SecretString).toBe('');
    expect(Buffer.from(binary.SecretBinary ?? '', 'base64').toString()).toBe('bytes');
  });

  it('refuses with the documented codes', async () => {
    expect(await codeOf(client().GetSecretValue({ SecretName: 'nope', VersionId: 'SSM_Current' }))).toBe(
      'ResourceNotFound.SecretNotExist',
    );
    // Secrets are regional: the same name elsewhere does not exist.
    expect(
      await codeOf(
        client('ap-shanghai').GetSecretValue({
          SecretName: 'scf-backup-huawei-keys',
          VersionId: 'SSM_Current',
        }),
      ),
    ).toBe('ResourceNotFound.SecretNotExist');
    expect(await codeOf(client().GetSecretValue({ SecretName: 'plain-text', VersionId: 'v2' }))).toBe(
      'ResourceNotFound',
    );
    expect(await codeOf(client().GetSecretValue({ SecretName: 'off', VersionId: 'SSM_Current' }))).toBe(
      'ResourceUnavailable.ResourceDisabled',
    );
    expect(await codeOf(client().GetSecretValue({ SecretName: 'going', VersionId: 'SSM_Current' }))).toBe(
      'ResourceUnavailable.ResourcePendingDeleted',
    );
    expect(await codeOf(client().GetSecretValue({ SecretName: 'plain-text' } as never))).toBe(
      'MissingParameter',
    );
  });

  it('refuses a seed secret with none or two of its value forms', async () => {
    await expect(
      startSimulator({ seed: { tencent: { secrets: [{ name: 'x', region: GZ }] } } }),
    ).rejects.toThrow(/tencent\.secrets\[0\].*exactly one of huaweiKeys, secretString, secretBinary/);
  });
});
