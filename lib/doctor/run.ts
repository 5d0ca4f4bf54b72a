/**
 * `scf-backup doctor` and the `{"doctor": true}` event: every check for the enabled policies (or
 * those named), read-only unless a test alert is asked for. The order is the order of a first
 * contact: keys and clock, hosts, projects, each policy's discovery and listing, the answers'
 * fields, permissions, alert channels.
 */
import { channelSecrets, createRedactor, redactDeep, secretsFromEnv, urlSecrets } from '../alerts/redact';
import { createCloudClients } from '../cloud/clients';
import {
  ENV_VARS,
  loadHuaweiEndpoint,
  loadTencentEndpoint,
  loadTencentRegionalHosts,
  type Env,
} from '../cloud/credentials';
import { MissingCredentialsError, type Cloud } from '../errors/cloud-error';
import { httpRequest } from '../http/request';
import type { HttpTransport } from '../http/types';
import type { BackupPolicy, PolicyFile } from '../policy/schema';
import { TARGETS } from '../targets/registry';
import type { CloudClientSet } from '../targets/types';
import { alertChecks } from './alert-checks';
import { heartbeatCheck } from './heartbeat-check';
import { clockCheck, endpointCheck, hostsOf, probeHost } from './hosts';
import { permissionChecks } from './permissions';
import { checkPolicy } from './policy-checks';
import { isHuaweiPolicy, projectLine, provenProject, type ProjectLine } from './projects';
import { credentialsCheck, fieldChecks } from './record-checks';
import { recordingClients } from './recording-clients';
import { doctorReport, fail, skip, type Check, type DoctorReport } from './types';

export interface DoctorOptions {
  file: PolicyFile;
  /** The enabled policies to check (all of them, or those named by --only / the event). */
  policies: BackupPolicy[];
  env: Env;
  sendTestAlert?: boolean;
  transport?: HttpTransport;
  clock?: () => number;
}

const CLOUDS: Cloud[] = ['tencent', 'huawei'];

/** One client per cloud in use; a cloud whose keys are not set is named with the variable. */
function cloudClients(env: Env, policies: BackupPolicy[], transport: HttpTransport, clock: () => number) {
  const missing = new Map<Cloud, string>();
  const built: Partial<Record<Cloud, CloudClientSet>> = {};
  for (const cloud of CLOUDS) {
    const kinds = policies.filter((p) => TARGETS[p.kind].cloud === cloud).map((p) => p.kind);
    if (kinds.length === 0) continue;
    try {
      // Few attempts, short waits: a doctor reports what it meets instead of outlasting it.
      built[cloud] = createCloudClients(env, {
        clouds: kinds,
        transport,
        clock,
        retry: { maxAttempts: 2, maxElapsedMs: 10_000 },
        timeoutMs: 15_000,
      });
    } catch (error) {
      if (!(error instanceof MissingCredentialsError)) throw error;
      missing.set(cloud, error.variable);
    }
  }
  const unavailable = (cloud: Cloud): never => {
    throw new Error(`no ${cloud} client (a bug if you see this)`);
  };
  const clients: CloudClientSet = {
    tencent: () => built.tencent?.tencent() ?? unavailable('tencent'),
    huawei: () => built.huawei?.huawei() ?? unavailable('huawei'),
    huaweiProjectId: built.huawei?.huaweiProjectId,
    discoverHuaweiProject: built.huawei?.discoverHuaweiProject,
  };
  return { clients, missing };
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const { env, policies } = options;
  const clock = options.clock ?? Date.now;
  const transport = options.transport ?? httpRequest;
  const clouds = CLOUDS.filter((cloud) => policies.some((p) => TARGETS[p.kind].cloud === cloud));
  const endpoints = { tencent: loadTencentEndpoint(env), huawei: loadHuaweiEndpoint(env) };

  const hosts = [
    ...hostsOf(policies, {
      endpoints,
      tencentRegional: loadTencentRegionalHosts(env),
      huaweiProjectId: env[ENV_VARS.huaweiProjectId]?.trim() || undefined,
    }),
  ];
  const probes = await Promise.all(hosts.map(([origin, use]) => probeHost(transport, origin, use, clock)));
  const { clients: inner, missing } = cloudClients(env, policies, transport, clock);
  const recording = recordingClients(inner);
  const { records } = recording;

  const projects: ProjectLine[] = [];
  const policyLines: Check[] = [];
  for (const policy of policies) {
    const cloud = TARGETS[policy.kind].cloud;
    const variable = missing.get(cloud);
    if (variable) {
      const why = `not checkable: ${variable} is not set, see the credentials line`;
      policyLines.push(skip('discovery', policy.name, why));
      continue;
    }
    const unusable = new Set<string>();
    if (isHuaweiPolicy(policy)) {
      for (const region of policy.regions) {
        const line = await projectLine(policy, region, recording);
        projects.push(line);
        if (!line.usable) unusable.add(region);
      }
    }
    policyLines.push(...(await checkPolicy(policy, recording, unusable)));
  }

  const clocks = clouds.map((cloud) => clockCheck(cloud, probes));
  const credentials = clouds.map((cloud, i) => {
    const variable = missing.get(cloud);
    return variable
      ? fail('credentials', cloud, `${variable} is not set`, `set ${variable}`)
      : credentialsCheck(cloud, records, clocks[i]?.status === 'fail');
  });
  const checks: Check[] = [
    ...credentials,
    ...clocks,
    ...probes.map(endpointCheck),
    ...projects.map((line) => provenProject(line, records)),
    ...policyLines,
    ...fieldChecks(records),
    ...permissionChecks(policies, records),
    ...(await alertChecks({
      file: options.file,
      policies,
      env,
      sendTestAlert: options.sendTestAlert ?? false,
      transport,
      clock,
    })),
    await heartbeatCheck(options.file.heartbeat?.url, {
      env,
      sendTestAlert: options.sendTestAlert ?? false,
      transport,
    }),
  ];
  // Nothing secret leaves: a cloud message or an error quoting a key or a webhook URL is masked.
  const redact = createRedactor([
    ...secretsFromEnv(env),
    ...Object.values(options.file.alerts).flatMap(channelSecrets),
    ...(options.file.heartbeat ? urlSecrets(options.file.heartbeat.url) : []),
  ]);
  return doctorReport(
    policies.map((p) => p.name),
    redactDeep(checks, redact),
  );
}
