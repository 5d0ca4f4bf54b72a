/**
 * Deploy and the Huawei keys: when the functions are to read them from a Tencent SSM secret
 * (HUAWEICLOUD_SDK_SECRET_NAME has a value), they get only the secret's name and version, never
 * the keys, even if the deployer's shell holds HUAWEICLOUD_SDK_AK/SK for the CLI. A bad name or
 * version is refused before any call (exit 2).
 */
import { ENV_VARS } from '../cloud/credentials';
import { HuaweiSecretConfigError, huaweiSecretRef, SECRET_VARS } from '../cloud/huawei-secret';
import { DeployInputError } from './errors';

export const PLAIN_HUAWEI_KEYS = [ENV_VARS.huaweiAk, ENV_VARS.huaweiSk] as const;

/** The variables to send: without the plain keys when a secret is named. */
export function secretInsteadOfKeys(variables: Record<string, string>): Record<string, string> {
  if (!variables[SECRET_VARS.name] && !variables[SECRET_VARS.version]) return variables;
  const withoutKeys = Object.fromEntries(
    Object.entries(variables).filter(([name]) => !(PLAIN_HUAWEI_KEYS as readonly string[]).includes(name)),
  );
  try {
    huaweiSecretRef(withoutKeys);
  } catch (error) {
    if (error instanceof HuaweiSecretConfigError) throw new DeployInputError(error.message);
    throw error;
  }
  return withoutKeys;
}
