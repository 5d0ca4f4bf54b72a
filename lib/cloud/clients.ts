/**
 * The clients a run needs, from the environment, checked before any call: a missing credential
 * for a cloud the selected policies use is a clear error up front (exit 2, nothing changed), and a
 * cloud no selected policy uses is never asked for credentials at all.
 */
import type { Logger } from '../engine/log';
import type { BackupKind } from '../policy/schema';
import { TARGETS } from '../targets/registry';
import type { CloudClients } from '../targets/types';
import type { CallSettingsOptions } from '../throttle/call-settings';
import {
  ENV_VARS,
  loadHuaweiCredentials,
  loadHuaweiEndpoint,
  loadTencentCredentials,
  loadTencentEndpoint,
  missingCredentials,
  loadTencentRegionalHosts,
  type Env,
} from './credentials';
import { MissingCredentialsError, type Cloud } from '../errors/cloud-error';
import { createHuaweiClient } from './huawei';
import { createProjectDiscovery } from './huawei-projects';
import { scopableClients } from './scoped-clients';
import { createTencentClient } from './tencent';
import type { HuaweiCaller, TencentCaller } from './types';

export function cloudOfKind(kind: BackupKind): Cloud {
  return TARGETS[kind].cloud;
}

export interface CloudClientOptions extends CallSettingsOptions {
  /** The kinds the run will touch: their clouds' credentials are required now. */
  clouds: readonly BackupKind[];
  log?: Logger;
}

function unavailable(cloud: Cloud): never {
  throw new Error(`no ${cloud} client: no selected policy uses ${cloud} (a bug if you see this)`);
}

export function createCloudClients(env: Env, options: CloudClientOptions): CloudClients {
  const { clouds: kinds, log, ...settings } = options;
  const needed = new Set(kinds.map(cloudOfKind));
  const onRetry: CallSettingsOptions['onRetry'] = log
    ? (event) =>
        log.warn('retrying call', {
          ...event,
          error: undefined,
          errorCode: (event as { error?: { code?: string } }).error?.code,
        })
    : undefined;

  // Every missing variable of every cloud at once: one try fixes them all.
  const missing = missingCredentials(env, needed);
  if (missing.length > 0) {
    const clouds = [...needed]
      .sort()
      .reverse()
      .map((cloud) => (cloud === 'tencent' ? 'Tencent Cloud' : 'Huawei Cloud'));
    // Only a function reads the keys from SSM (it has a role); here they must be plain.
    const secretNote =
      missing.includes(ENV_VARS.huaweiAk) && env.HUAWEICLOUD_SDK_SECRET_NAME?.trim()
        ? '; HUAWEICLOUD_SDK_SECRET_NAME is read only by the deployed functions'
        : '';
    throw new MissingCredentialsError(
      missing,
      ` (the selected policies use ${clouds.join(' and ')})${secretNote}`,
    );
  }

  let tencent: TencentCaller | undefined;
  let huawei: HuaweiCaller | undefined;
  let huaweiProjectId: string | undefined;
  if (needed.has('tencent')) {
    tencent = createTencentClient({
      credentials: loadTencentCredentials(env),
      endpoint: loadTencentEndpoint(env),
      regionalHosts: loadTencentRegionalHosts(env),
      onRetry,
      ...settings,
    });
  }
  if (needed.has('huawei')) {
    const credentials = loadHuaweiCredentials(env);
    huaweiProjectId = credentials.projectId;
    huawei = createHuaweiClient({ credentials, endpoint: loadHuaweiEndpoint(env), onRetry, ...settings });
  }
  const huaweiCaller = () => huawei ?? unavailable('huawei');
  return scopableClients({
    tencent: () => tencent ?? unavailable('tencent'),
    huawei: huaweiCaller,
    huaweiProjectId,
    discoverHuaweiProject: huawei ? createProjectDiscovery(huaweiCaller) : undefined,
  });
}
