/**
 * The environment a run's clients load from: when a selected policy is a Huawei kind and the
 * function names an SSM secret (HUAWEICLOUD_SDK_SECRET_NAME), the Huawei keys are read from it
 * once per invocation, with the function's own role, in the function's region, and put into the
 * redactor before anything can print them. Otherwise the environment as it is.
 */
import type { Redactor } from '../alerts/redact';
import { cloudOfKind } from '../cloud/clients';
import {
  loadTencentCredentials,
  loadTencentEndpoint,
  loadTencentRegionalHosts,
  type Env,
} from '../cloud/credentials';
import {
  HuaweiSecretConfigError,
  huaweiSecretRef,
  readHuaweiKeys,
  SECRET_VARS,
  withHuaweiKeys,
} from '../cloud/huawei-secret';
import { createTencentClient } from '../cloud/tencent';
import type { BackupKind } from '../policy/schema';
import type { ScfContext } from './scf-context';

export async function environmentForRun(
  env: Env,
  kinds: readonly BackupKind[],
  context: ScfContext,
  redact: Redactor,
): Promise<Env> {
  if (!kinds.some((kind) => cloudOfKind(kind) === 'huawei')) return env;
  const ref = huaweiSecretRef(env);
  if (!ref) return env;
  // SSM secrets are regional: the function's region, as SCF gives it (context first, like the
  // continuation; TENCENTCLOUD_REGION is set in every SCF container, reference/scf-and-alerts.md §1).
  const region = context.tencentcloud_region ?? env.TENCENTCLOUD_REGION?.trim();
  if (!region)
    throw new HuaweiSecretConfigError(
      `${SECRET_VARS.name}: the function's region is unknown (no context.tencentcloud_region, TENCENTCLOUD_REGION unset)`,
    );
  const tencent = createTencentClient({
    credentials: loadTencentCredentials(env),
    endpoint: loadTencentEndpoint(env),
    regionalHosts: loadTencentRegionalHosts(env),
  });
  const keys = await readHuaweiKeys(tencent, ref, region, (values) => redact.add(values));
  return withHuaweiKeys(env, keys);
}
