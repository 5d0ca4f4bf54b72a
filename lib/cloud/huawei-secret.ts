/**
 * Huawei keys kept in Tencent SSM (Secrets Manager) instead of plain function variables: SCF has
 * no encrypted environment variables (docs/deploy.md "Secrets at rest"), so the function holds
 * only the secret's name and reads the keys at each invocation with its execution role's
 * temporary Tencent keys. SSM API 2019-09-23 `GetSecretValue` (SecretName + VersionId, both
 * required; answers SecretString or SecretBinary): tencentcloud-sdk-nodejs 4.1.313
 * `services/ssm/v20190923/ssm_models.d.ts`, and the API page tencentcloud.com/document/api/1078/38649.
 * The secret's text is JSON `{"ak":"…","sk":"…"}`; neither value ever reaches a message.
 */
import type { Env } from './credentials';
import { ENV_VARS } from './credentials';
import { CloudError } from '../errors/cloud-error';
import type { TencentCaller } from './types';

export const SECRET_VARS = {
  name: 'HUAWEICLOUD_SDK_SECRET_NAME',
  version: 'HUAWEICLOUD_SDK_SECRET_VERSION',
} as const;

/**
 * CreateSecret: "若为空…则该版本号默认为 SSM_Current" (a secret created without a VersionId has
 * version SSM_Current), which is also the version GetSecretValue documents for the current one.
 */
export const DEFAULT_SECRET_VERSION = 'SSM_Current';

// CreateSecret: name at most 128 bytes of letters, digits, - and _, starting with a letter or
// digit; VersionId at most 64 bytes of letters, digits, - _ and ., starting likewise.
const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const VERSION_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface HuaweiSecretRef {
  name: string;
  versionId: string;
}

/** A bad secret setting: names the variable and why, never a key. Exit 2 in the CLI, nothing called. */
export class HuaweiSecretConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HuaweiSecretConfigError';
  }
}

/** The secret could not be read or does not hold the keys: carries the SSM code when there is one. */
export class HuaweiSecretReadError extends Error {
  readonly code: string;
  constructor(ref: HuaweiSecretRef, region: string, code: string, why: string, cause?: unknown) {
    super(
      `${SECRET_VARS.name}: cannot read the Huawei keys from SSM secret "${ref.name}" (version ` +
        `${ref.versionId}) in ${region}: ${code}: ${why}`,
      cause === undefined ? undefined : { cause },
    );
    this.name = 'HuaweiSecretReadError';
    this.code = code;
  }
}

function setting(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}

/** The configured secret, or undefined when the keys are plain variables (or absent). */
export function huaweiSecretRef(env: Env): HuaweiSecretRef | undefined {
  const name = setting(env, SECRET_VARS.name);
  const version = setting(env, SECRET_VARS.version);
  if (name === undefined) {
    if (version !== undefined)
      throw new HuaweiSecretConfigError(`${SECRET_VARS.version} is set but ${SECRET_VARS.name} is not`);
    return undefined;
  }
  const plain = [ENV_VARS.huaweiAk, ENV_VARS.huaweiSk].filter((v) => setting(env, v) !== undefined);
  if (plain.length > 0) {
    throw new HuaweiSecretConfigError(
      `${SECRET_VARS.name} and ${plain.join(', ')} are both set: give the Huawei keys one way only ` +
        `(the SSM secret, or the plain variables)`,
    );
  }
  if (!SECRET_NAME.test(name))
    throw new HuaweiSecretConfigError(
      `${SECRET_VARS.name} is not an SSM secret name (letters, digits, - and _, at most 128, starting with a letter or digit)`,
    );
  if (version !== undefined && !VERSION_ID.test(version))
    throw new HuaweiSecretConfigError(
      `${SECRET_VARS.version} is not an SSM version id (letters, digits, - _ and ., at most 64, starting with a letter or digit)`,
    );
  return { name, versionId: version ?? DEFAULT_SECRET_VERSION };
}

interface SecretValueResponse {
  SecretString?: string;
  SecretBinary?: string;
}

/** The secret's text: SecretString, or SecretBinary decoded (base64, per the model). */
function secretText(response: SecretValueResponse): string {
  if (response.SecretString) return response.SecretString;
  return response.SecretBinary ? Buffer.from(response.SecretBinary, 'base64').toString('utf8') : '';
}

function keysOf(text: string): { ak: string; sk: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined; // No cause: a JSON error quotes the text, which is the secret.
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { ak, sk } = parsed as Record<string, unknown>;
  if (typeof ak !== 'string' || typeof sk !== 'string' || !ak.trim() || !sk.trim()) return undefined;
  return { ak: ak.trim(), sk: sk.trim() };
}

/** Reads the keys; the values go to `onSecret` (the redactor) before anything else sees them. */
export async function readHuaweiKeys(
  tencent: TencentCaller,
  ref: HuaweiSecretRef,
  region: string,
  onSecret: (values: string[]) => void,
): Promise<{ ak: string; sk: string }> {
  let response: SecretValueResponse;
  try {
    response = await tencent.call<SecretValueResponse>('ssm', '2019-09-23', 'GetSecretValue', region, {
      SecretName: ref.name,
      VersionId: ref.versionId,
    });
  } catch (error) {
    if (error instanceof CloudError)
      throw new HuaweiSecretReadError(ref, region, error.code, error.cloudMessage, error);
    throw error;
  }
  const text = secretText(response);
  onSecret([text]);
  const keys = keysOf(text);
  if (!keys)
    throw new HuaweiSecretReadError(ref, region, 'NotHuaweiKeys', 'its text is not JSON {"ak":"…","sk":"…"}');
  onSecret([keys.ak, keys.sk]);
  return keys;
}

/** `env` with the keys from the secret in the plain variables, for the clients to load as usual. */
export function withHuaweiKeys(env: Env, keys: { ak: string; sk: string }): Env {
  return { ...env, [ENV_VARS.huaweiAk]: keys.ak, [ENV_VARS.huaweiSk]: keys.sk };
}
