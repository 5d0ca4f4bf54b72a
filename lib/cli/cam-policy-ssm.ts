/**
 * The role's grant to read the Huawei keys from Tencent SSM (docs/deploy.md "Secrets at rest"):
 * `ssm:GetSecretValue` on that one secret, only when a Huawei kind is enabled and the secret is
 * named (HUAWEICLOUD_SDK_SECRET_NAME, the variable deploy sends). Without a name the functions
 * use plain keys and read no secret, so no grant: a role that may read every secret would be
 * the opposite of least privilege. GetSecretValue is resource-level in CAM, resource
 * `qcs::ssm:$region:uin/$uin:secret/creatorUin/$creatorUin/$secretName` (SSM "Creating an
 * Access Control Policy", tencentcloud.com/document/product/1078/38612); region and creator
 * are `*` because the command knows neither (a name is unique within a region).
 */
import type { Env } from '../cloud/credentials';
import { huaweiSecretRef } from '../cloud/huawei-secret';
import type { BackupPolicy } from '../policy/schema';
import { TARGETS } from '../targets/registry';

export function ssmSecretStatements(policies: BackupPolicy[], env: Env) {
  if (!policies.some((p) => TARGETS[p.kind].cloud === 'huawei')) return [];
  // Only the name matters here; plain keys in the deployer's shell (for the CLI) are not sent.
  const ref = huaweiSecretRef({ ...env, HUAWEICLOUD_SDK_AK: undefined, HUAWEICLOUD_SDK_SK: undefined });
  if (!ref) return [];
  return [
    {
      effect: 'allow' as const,
      action: ['ssm:GetSecretValue'],
      resource: [`qcs::ssm:*:uin/\${owner_uin}:secret/creatorUin/*/${ref.name}`],
    },
  ];
}
