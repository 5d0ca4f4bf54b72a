/**
 * Reading the Huawei keys from SSM (lib/cloud/huawei-secret.ts) with our own signed client
 * against the simulator: the configuration rules, each form a secret can take, and what an
 * unusable secret says (its code and name, never its text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedactor } from '../../lib/alerts/redact';
import { huaweiSecretRef, readHuaweiKeys, type HuaweiSecretRef } from '../../lib/cloud/huawei-secret';
import { createTencentClient } from '../../lib/cloud/tencent';
import { startSimulator, type RunningSimulator } from '../../sim';

const GZ = 'ap-guangzhou';
const KEYS = { ak: 'INTEGRATIONAK0000001', sk: 'integration-sk-c0ffee10' };
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      tencent: {
        secrets: [
          { name: 'keys', region: GZ, secretString: JSON.stringify(KEYS) },
          {
            name: 'keys-bin',
            region: GZ,
            versionId: 'v2',
            secretBinary: Buffer.from(JSON.stringify(KEYS)).toString('base64'),
          },
          { name: 'not-json', region: GZ, secretString: 'plain-secret-text-c0ffee11' },
          { name: 'no-sk', region: GZ, secretString: '{"ak":"only-the-ak-c0ffee12"}' },
        ],
      },
    },
  });
});
afterAll(() => sim.stop());

const client = () => {
  const { secretId, secretKey, token } = sim.credentials.tencentSession;
  return createTencentClient({
    credentials: { secretId, secretKey, sessionToken: token },
    endpoint: sim.url,
  });
};
const ref = (name: string, versionId = 'SSM_Current'): HuaweiSecretRef => ({ name, versionId });

describe('the Huawei secret setting', () => {
  it('is off without a name, defaults the version to SSM_Current, and takes a version', () => {
    expect(huaweiSecretRef({})).toBeUndefined();
    expect(huaweiSecretRef({ HUAWEICLOUD_SDK_SECRET_NAME: ' keys\n' })).toEqual(ref('keys'));
    expect(
      huaweiSecretRef({ HUAWEICLOUD_SDK_SECRET_NAME: 'keys', HUAWEICLOUD_SDK_SECRET_VERSION: 'v2' }),
    ).toEqual(ref('keys', 'v2'));
  });

  it('refuses plain keys beside it, a version alone, and names SSM would refuse, quoting no value', () => {
    expect(() =>
      huaweiSecretRef({ HUAWEICLOUD_SDK_SECRET_NAME: 'keys', HUAWEICLOUD_SDK_AK: 'an-ak-value' }),
    ).toThrow(/^HUAWEICLOUD_SDK_SECRET_NAME and HUAWEICLOUD_SDK_AK are both set/);
    expect(() => huaweiSecretRef({ HUAWEICLOUD_SDK_SECRET_VERSION: 'v1' })).toThrow(
      'HUAWEICLOUD_SDK_SECRET_VERSION is set but HUAWEICLOUD_SDK_SECRET_NAME is not',
    );
    expect(() => huaweiSecretRef({ HUAWEICLOUD_SDK_SECRET_NAME: '-leading' })).toThrow(
      /not an SSM secret name/,
    );
    expect(() => huaweiSecretRef({ HUAWEICLOUD_SDK_SECRET_NAME: 'x'.repeat(129) })).toThrow(
      /not an SSM secret name/,
    );
    expect(() =>
      huaweiSecretRef({ HUAWEICLOUD_SDK_SECRET_NAME: 'keys', HUAWEICLOUD_SDK_SECRET_VERSION: 'v 1' }),
    ).toThrow(/not an SSM version id/);
  });
});

describe('reading the keys (our client, the simulator)', () => {
  it('reads SecretString and SecretBinary, and hands every value to the redactor first', async () => {
    const redact = createRedactor();
    const keys = await readHuaweiKeys(client(), ref('keys'), GZ, (v) => redact.add(v));
    expect(keys).toEqual(KEYS);
    expect(redact(`${KEYS.ak} ${KEYS.sk}`)).toBe('[REDACTED] [REDACTED]');
    expect(await readHuaweiKeys(client(), ref('keys-bin', 'v2'), GZ, () => undefined)).toEqual(KEYS);
  });

  it('says what is wrong with a secret that holds no keys, without its text', async () => {
    for (const [name, text] of [
      ['not-json', 'plain-secret-text-c0ffee11'],
      ['no-sk', 'only-the-ak-c0ffee12'],
    ] as const) {
      const error = await readHuaweiKeys(client(), ref(name), GZ, () => undefined).catch((e: Error) => e);
      expect(error).toMatchObject({ name: 'HuaweiSecretReadError', code: 'NotHuaweiKeys' });
      expect((error as Error).message).toBe(
        `HUAWEICLOUD_SDK_SECRET_NAME: cannot read the Huawei keys from SSM secret "${name}" (version SSM_Current) in ap-guangzhou: NotHuaweiKeys: its text is not JSON {"ak":"…","sk":"…"}`,
      );
      expect((error as Error).message).not.toContain(text);
    }
  });

  it('carries the SSM code of a refusal: wrong version, wrong region', async () => {
    const wrongVersion = await readHuaweiKeys(client(), ref('keys', 'v9'), GZ, () => undefined).catch(
      (e) => e,
    );
    expect(wrongVersion).toMatchObject({ code: 'ResourceNotFound' });
    const elsewhere = await readHuaweiKeys(client(), ref('keys'), 'ap-shanghai', () => undefined).catch(
      (e) => e,
    );
    expect(elsewhere).toMatchObject({ code: 'ResourceNotFound.SecretNotExist' });
    expect((elsewhere as Error).message).toContain('in ap-shanghai: ResourceNotFound.SecretNotExist: ');
  });
});
