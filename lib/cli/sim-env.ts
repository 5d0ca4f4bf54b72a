/**
 * `--sim [URL]`: point every client at a simulator. With no URL an embedded simulator is started
 * with the example seed and stopped at exit; with a URL the running one is asked for its
 * credentials (GET /_sim/credentials, loopback only, unsigned: not an API call).
 */
import { EXAMPLE_SEED_PATH, startSimulator } from '../../sim';
import { UsageError } from './args';
import type { CliIo } from './io';

export const EXAMPLE_SEED = EXAMPLE_SEED_PATH;

export interface SimCredentials {
  url: string;
  tencent: { secretId: string; secretKey: string };
  huawei: { ak: string; sk: string; projectId: string; projects?: Record<string, string> };
}

export function simEnvironment(env: CliIo['env'], sim: SimCredentials): CliIo['env'] {
  return {
    ...env,
    TENCENTCLOUD_ENDPOINT: sim.url,
    TENCENTCLOUD_SECRETID: sim.tencent.secretId,
    TENCENTCLOUD_SECRETKEY: sim.tencent.secretKey,
    TENCENTCLOUD_SESSIONTOKEN: undefined,
    HUAWEICLOUD_ENDPOINT: sim.url,
    HUAWEICLOUD_SDK_AK: sim.huawei.ak,
    HUAWEICLOUD_SDK_SK: sim.huawei.sk,
    // One project serves one region: with several, the clients discover each through IAM.
    HUAWEICLOUD_SDK_PROJECT_ID:
      Object.keys(sim.huawei.projects ?? {}).length > 1 ? undefined : sim.huawei.projectId,
  };
}

export interface SimSession {
  env: CliIo['env'];
  stop(): Promise<void>;
}

export async function openSim(
  flag: string | boolean | undefined,
  env: CliIo['env'],
): Promise<SimSession | undefined> {
  if (flag === undefined || flag === false) return undefined;
  if (flag === true) {
    const sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED });
    return { env: simEnvironment(env, { url: sim.url, ...sim.credentials }), stop: () => sim.stop() };
  }
  const url = flag.replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(url)) {
    throw new UsageError(
      `--sim ${flag}: not an http(s) URL (the scheme is needed), e.g. --sim http://${url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`,
    );
  }
  const response = await fetch(`${url}/_sim/credentials`).catch((error: unknown) => {
    throw new UsageError(`--sim ${url}: no simulator answers there (${(error as Error).message})`);
  });
  if (!response.ok) throw new UsageError(`--sim ${url}: GET /_sim/credentials answered ${response.status}`);
  const credentials = (await response.json()) as SimCredentials;
  return { env: simEnvironment(env, { ...credentials, url }), stop: async () => undefined };
}
