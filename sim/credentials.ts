/**
 * The simulator's keys: a long-term Tencent key pair, a temporary (STS-like) one that only
 * works with its session token, and a Huawei AK/SK bound to the seed's project. Generated per
 * start unless a test fixes them.
 */
import { randomBytes } from 'node:crypto';

export interface SimCredentials {
  tencent: { secretId: string; secretKey: string };
  tencentSession: { secretId: string; secretKey: string; token: string };
  /** `projectId`: the first region's project; `projects`: every region's. */
  huawei: { ak: string; sk: string; projectId: string; projects: Record<string, string> };
}

export interface CredentialOverrides {
  tencent?: { secretId: string; secretKey: string };
  tencentSession?: { secretId: string; secretKey: string; token: string };
  huawei?: { ak: string; sk: string };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomText(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/** Shapes like the real ones: `AKID` + 32 for Tencent ids, 20 upper-case characters for a Huawei AK. */
export function createCredentials(
  projects: Record<string, string>,
  overrides: CredentialOverrides = {},
): SimCredentials {
  return {
    tencent: overrides.tencent ?? {
      secretId: `AKID${randomText(32, ALNUM)}`,
      secretKey: randomText(32, ALNUM),
    },
    tencentSession: overrides.tencentSession ?? {
      secretId: `AKID${randomText(32, ALNUM)}`,
      secretKey: randomText(32, ALNUM),
      token: randomText(64, ALNUM),
    },
    huawei: {
      ...(overrides.huawei ?? { ak: randomText(20, UPPER_ALNUM), sk: randomText(40, ALNUM) }),
      projectId: Object.values(projects)[0] ?? '',
      projects,
    },
  };
}

export interface TencentKey {
  secretKey: string;
  /** Set for temporary keys: the request must carry this `X-TC-Token`. */
  token?: string;
}

export function tencentKeyring(credentials: SimCredentials): ReadonlyMap<string, TencentKey> {
  return new Map<string, TencentKey>([
    [credentials.tencent.secretId, { secretKey: credentials.tencent.secretKey }],
    [
      credentials.tencentSession.secretId,
      { secretKey: credentials.tencentSession.secretKey, token: credentials.tencentSession.token },
    ],
  ]);
}

export function huaweiKeyring(credentials: SimCredentials): ReadonlyMap<string, string> {
  return new Map([[credentials.huawei.ak, credentials.huawei.sk]]);
}
