/**
 * Why a cloud refused a call, as far as the doctor's advice goes: the key itself, the clock, a
 * missing permission, or a region the API is not offered in. Codes: Tencent's common error codes (the Tencent Cloud API 3.0 documentation, the API
 * 3.0 "Error Codes" page), Huawei's gateway codes (§6.4) and the services' 403 codes (§7, §8.5).
 */
import { ENV_VARS } from '../cloud/credentials';
import type { Cloud, CloudError } from '../errors/cloud-error';

export type Refusal = 'key' | 'clock' | 'permission' | 'region' | 'project';

const TENCENT_KEY_CODES = new Set([
  'AuthFailure.SecretIdNotFound',
  'AuthFailure.SignatureFailure',
  'AuthFailure.InvalidSecretId',
  'AuthFailure.InvalidAuthorization',
  'AuthFailure.TokenFailure',
  'AuthFailure.MFAFailure',
]);
const TENCENT_PERMISSION =
  /^(AuthFailure\.UnauthorizedOperation|UnauthorizedOperation(\..+)?|OperationDenied\.UserHasNoStrategy)$/;
/** DWS answers a refused list with DWS.0015 (403, "not found or no permission"); GaussDB with DBS.200010. */
const HUAWEI_PERMISSION_CODES = new Set(['DWS.0015', 'DBS.200010']);
const HUAWEI_AUTH_CODES = new Set(['APIGW.0301', 'APIG.0301']);

export function refusalOf(error: CloudError): Refusal | undefined {
  if (error.cloud === 'tencent') {
    if (error.code === 'AuthFailure.SignatureExpire') return 'clock';
    if (TENCENT_KEY_CODES.has(error.code)) return 'key';
    // A common API 3.0 code, "the API does not support the region passed" (the SDKs' common error lists).
    if (error.code === 'UnsupportedRegion') return 'region';
    return TENCENT_PERMISSION.test(error.code) ? 'permission' : undefined;
  }
  // "Incorrect IAM authentication information: calc ak sk signature fail:signature expired".
  if (HUAWEI_AUTH_CODES.has(error.code)) {
    if (/expired/i.test(error.cloudMessage)) return 'clock';
    // The gateway refuses a path project that is not the region's with the same code (sim/huawei/projects.ts).
    return /project/i.test(error.cloudMessage) ? 'project' : 'key';
  }
  return HUAWEI_PERMISSION_CODES.has(error.code) ? 'permission' : undefined;
}

export const KEY_VARIABLES: Record<Cloud, string> = {
  tencent: `${ENV_VARS.tencentSecretId} and ${ENV_VARS.tencentSecretKey} (and ${ENV_VARS.tencentSessionToken} for temporary keys)`,
  huawei: `${ENV_VARS.huaweiAk} and ${ENV_VARS.huaweiSk} (and ${ENV_VARS.huaweiSecurityToken} for temporary keys)`,
};
