/**
 * Credentials and endpoints from the environment (docs/commands.md "Environment variables"), read once by the
 * caller and passed to the clients. Errors name the variable, never its value.
 */
import { MissingCredentialsError } from '../errors/cloud-error';

export type Env = Readonly<Record<string, string | undefined>>;

export const ENV_VARS = {
  tencentSecretId: 'TENCENTCLOUD_SECRETID',
  tencentSecretKey: 'TENCENTCLOUD_SECRETKEY',
  tencentSessionToken: 'TENCENTCLOUD_SESSIONTOKEN',
  tencentEndpoint: 'TENCENTCLOUD_ENDPOINT',
  tencentRegionalHosts: 'TENCENTCLOUD_REGIONAL_HOSTS',
  huaweiAk: 'HUAWEICLOUD_SDK_AK',
  huaweiSk: 'HUAWEICLOUD_SDK_SK',
  huaweiSecurityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  huaweiProjectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
  huaweiEndpoint: 'HUAWEICLOUD_ENDPOINT',
} as const;

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
  /** Set by SCF for a function with an execution role; goes out as X-TC-Token. */
  sessionToken?: string;
}

export interface HuaweiCredentials {
  ak: string;
  sk: string;
  securityToken?: string;
  /** May instead come from the policy; every call carries one explicitly. */
  projectId?: string;
}

/** A bad endpoint variable. The value is not repeated: a URL can carry `user:password@`. */
export class InvalidEndpointError extends Error {
  constructor(readonly variable: string) {
    super(`${variable} is not an http(s) base URL such as http://127.0.0.1:4566`);
    this.name = 'InvalidEndpointError';
  }
}

/**
 * Surrounding whitespace is dropped: a key pasted with a trailing newline is the classic cause of
 * `AuthFailure.SecretIdNotFound`, and no real key starts or ends with a space.
 */
function optional(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}

/** The variables each cloud cannot do without. */
export const REQUIRED_CREDENTIALS = {
  tencent: [ENV_VARS.tencentSecretId, ENV_VARS.tencentSecretKey],
  huawei: [ENV_VARS.huaweiAk, ENV_VARS.huaweiSk],
} as const;

/** Every required credential variable of these clouds that is unset or blank, in a fixed order. */
export function missingCredentials(env: Env, clouds: Iterable<keyof typeof REQUIRED_CREDENTIALS>): string[] {
  const wanted = new Set(clouds);
  return (['tencent', 'huawei'] as const)
    .filter((cloud) => wanted.has(cloud))
    .flatMap((cloud) =>
      REQUIRED_CREDENTIALS[cloud].filter((variable) => optional(env, variable) === undefined),
    );
}

function requireAll(env: Env, cloud: keyof typeof REQUIRED_CREDENTIALS): void {
  const missing = missingCredentials(env, [cloud]);
  if (missing.length > 0) throw new MissingCredentialsError(missing);
}

export function loadTencentCredentials(env: Env): TencentCredentials {
  requireAll(env, 'tencent');
  const credentials: TencentCredentials = {
    secretId: optional(env, ENV_VARS.tencentSecretId) as string,
    secretKey: optional(env, ENV_VARS.tencentSecretKey) as string,
  };
  const sessionToken = optional(env, ENV_VARS.tencentSessionToken);
  if (sessionToken) credentials.sessionToken = sessionToken;
  return credentials;
}

export function loadHuaweiCredentials(env: Env): HuaweiCredentials {
  requireAll(env, 'huawei');
  const credentials: HuaweiCredentials = {
    ak: optional(env, ENV_VARS.huaweiAk) as string,
    sk: optional(env, ENV_VARS.huaweiSk) as string,
  };
  const securityToken = optional(env, ENV_VARS.huaweiSecurityToken);
  if (securityToken) credentials.securityToken = securityToken;
  const projectId = optional(env, ENV_VARS.huaweiProjectId);
  if (projectId) credentials.projectId = projectId;
  return credentials;
}

function endpoint(env: Env, variable: string): string | undefined {
  const value = optional(env, variable);
  if (value === undefined) return undefined;
  // URL.canParse would do, but Node 18.15 (the oldest the package supports) predates it. No `cause`: Node's
  // TypeError carries the input, which could hold a password.
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidEndpointError(variable);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidEndpointError(variable);
  // Only the origin counts: Tencent posts to `/` and Huawei paths are absolute.
  return url.origin;
}

/** `TENCENTCLOUD_ENDPOINT` as an origin (`http://127.0.0.1:4566`), or undefined for the real hosts. */
export function loadTencentEndpoint(env: Env): string | undefined {
  return endpoint(env, ENV_VARS.tencentEndpoint);
}

/** A yes/no endpoint setting that is neither: refused by name wherever a bad endpoint is (exit 2). */
export class InvalidSettingError extends InvalidEndpointError {
  constructor(variable: string) {
    super(variable);
    this.message = `${variable} must be true or false (or 1 or 0)`;
    this.name = 'InvalidSettingError';
  }
}

/**
 * `TENCENTCLOUD_REGIONAL_HOSTS=true`: every regional call goes to `<service>.<region>.tencentcloudapi.com`
 * (finance regions always do). Default false: the nearest-region host the docs recommend.
 */
export function loadTencentRegionalHosts(env: Env): boolean {
  const value = optional(env, ENV_VARS.tencentRegionalHosts)?.toLowerCase();
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new InvalidSettingError(ENV_VARS.tencentRegionalHosts);
}

/** `HUAWEICLOUD_ENDPOINT` as an origin, or undefined for `<service>.<region>.myhuaweicloud.com`. */
export function loadHuaweiEndpoint(env: Env): string | undefined {
  return endpoint(env, ENV_VARS.huaweiEndpoint);
}
