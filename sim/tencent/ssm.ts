/**
 * SSM (Secrets Manager) 2019-09-23 `GetSecretValue`: how a function reads Huawei keys kept out of
 * its plain variables. Request and answer: tencentcloud-sdk-nodejs 4.1.313
 * `services/ssm/v20190923/ssm_models.d.ts` (SecretName and VersionId required; SecretString or
 * SecretBinary, only one non-empty). Codes: the action's list in tencentcloud-sdk-go
 * `tencentcloud/ssm/v20190923/client.go` (GetSecretValue: ResourceNotFound,
 * ResourceNotFound.SecretNotExist, ResourceUnavailable.ResourceDisabled,
 * ResourceUnavailable.ResourcePendingDeleted, InvalidParameterValue, …). Secrets are regional
 * (CreateSecret: a name is unique "同一region内"), so Region is required, as on the API page.
 */
import { TencentApiError, type SimSeed, type TencentActionSpec } from '../types';
import { readParams, requireRegion, tencentAction } from './params';

type SecretSeed = NonNullable<NonNullable<SimSeed['tencent']>['secrets']>[number];

/** The simulator's own Huawei keys, for a seeded secret marked `huaweiKeys: true`. */
export interface HuaweiKeys {
  ak: string;
  sk: string;
}

const PARAMS = {
  SecretName: 'string',
  VersionId: 'string',
  EncryptionPublicKey: 'string',
  EncryptionAlgorithm: 'string',
} as const;

/** CreateSecret's default VersionId when none is given (ssm_models.d.ts CreateSecretRequest). */
export const SEED_DEFAULT_VERSION = 'SSM_Current';

function secretString(secret: SecretSeed, keys: HuaweiKeys | undefined): string {
  if (secret.huaweiKeys && keys) return JSON.stringify({ ak: keys.ak, sk: keys.sk });
  return secret.secretString ?? '';
}

export function createSsmActions(secrets: readonly SecretSeed[], keys?: HuaweiKeys): TencentActionSpec[] {
  const action = tencentAction('ssm', '2019-09-23');
  return [
    action('GetSecretValue', ({ params, region }) => {
      const where = requireRegion(region);
      const p = readParams(params, PARAMS, ['SecretName', 'VersionId']);
      // UNCONFIRMED: the codes' messages are ours; which code a missing version gets is not
      // documented: ResourceNotFound (the plain "资源不存在"), the name's own being SecretNotExist.
      const named = secrets.filter((s) => s.name === p.SecretName && s.region === where);
      if (named.length === 0)
        throw new TencentApiError(
          'ResourceNotFound.SecretNotExist',
          `The secret \`${p.SecretName}\` does not exist in \`${where}\`.`,
        );
      const secret = named.find((s) => (s.versionId ?? SEED_DEFAULT_VERSION) === p.VersionId);
      if (!secret)
        throw new TencentApiError(
          'ResourceNotFound',
          `The secret \`${p.SecretName}\` has no version \`${p.VersionId}\`.`,
        );
      if (secret.status === 'Disabled')
        throw new TencentApiError('ResourceUnavailable.ResourceDisabled', 'The secret is disabled.');
      if (secret.status === 'PendingDelete')
        throw new TencentApiError(
          'ResourceUnavailable.ResourcePendingDeleted',
          'The secret is scheduled for deletion.',
        );
      // UNCONFIRMED: EncryptionPublicKey/EncryptionAlgorithm (undocumented in the model) are
      // accepted and ignored: the simulator always answers in plaintext.
      const text = secretString(secret, keys);
      return {
        SecretName: secret.name,
        VersionId: secret.versionId ?? SEED_DEFAULT_VERSION,
        SecretBinary: secret.secretBinary ?? '',
        SecretString: secret.secretBinary ? '' : text,
      };
    }),
  ];
}
