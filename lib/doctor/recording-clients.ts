/**
 * The clients as the targets use them, with every call written down: which API, whether the
 * cloud answered, with what error, and what the answer lacked of the fields the target reads.
 * The doctor runs the targets' own discovery and listing through them, so what it checks is
 * exactly what a run calls.
 */
import { CloudError, type Cloud } from '../errors/cloud-error';
import { createProjectDiscovery } from '../cloud/huawei-projects';
import type { CloudClientSet } from '../targets/types';
import { fieldProblems } from './response-fields';

export interface CallRecord {
  cloud: Cloud;
  /** `<service>.<Action>`. */
  api: string;
  region?: string;
  error?: CloudError;
  /** Fields of the answer the target reads but could not find (only when it answered). */
  fieldProblems: string[];
}

export interface RecordingClients {
  clients: CloudClientSet;
  records: CallRecord[];
}

export function recordingClients(inner: CloudClientSet): RecordingClients {
  const records: CallRecord[] = [];
  const record = async <T>(
    cloud: Cloud,
    api: string,
    region: string | undefined,
    call: () => Promise<T>,
    bodyOf: (answer: T) => unknown,
  ): Promise<T> => {
    try {
      const answer = await call();
      records.push({ cloud, api, region, fieldProblems: fieldProblems(api, bodyOf(answer)) });
      return answer;
    } catch (error) {
      if (error instanceof CloudError) records.push({ cloud, api, region, error, fieldProblems: [] });
      throw error;
    }
  };
  const clients: CloudClientSet = {
    huaweiProjectId: inner.huaweiProjectId,
    // The same discovery as a run's, through the recorded caller: its IAM call is checked too.
    discoverHuaweiProject: inner.discoverHuaweiProject
      ? createProjectDiscovery(() => clients.huawei())
      : undefined,
    tencent: () => ({
      call: (service, version, action, region, params, options) =>
        record(
          'tencent',
          `${service}.${action}`,
          region,
          () => inner.tencent().call(service, version, action, region, params, options),
          (answer) => answer,
        ),
    }),
    huawei: () => ({
      call: (request, options) =>
        record(
          'huawei',
          `${request.service}.${request.action}`,
          request.region,
          () => inner.huawei().call(request, options),
          (answer) => answer.body,
        ),
    }),
  };
  return { clients, records };
}
