/**
 * The SCF 2018-04-16 calls a deploy makes, through our own signed, paced client. Request and
 * response types come from the official SDK's models as type-only imports (erased at build; no
 * SDK code runs). Everything is in the `default` namespace, as with the Serverless plugin.
 */
import type {
  CreateFunctionRequest,
  CreateTriggerRequest,
  DeleteTriggerRequest,
  GetFunctionResponse,
  ListTriggersResponse,
  TriggerInfo,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/scf/v20180416/scf_models';
import { CloudError } from '../errors/cloud-error';
import type { TencentCaller } from '../cloud/types';

export type { GetFunctionResponse, TriggerInfo };

export const SCF_NAMESPACE = 'default';
const VERSION = '2018-04-16';
/** ListTriggers' documented default page size. */
const TRIGGER_PAGE = 20;

/** Documented for a function that does not exist (the SDKs' SCF error lists). */
const NOT_FOUND = new Set(['ResourceNotFound.Function', 'ResourceNotFound.FunctionName']);

export interface ScfApi {
  /** undefined when the function does not exist. */
  getFunction(name: string): Promise<GetFunctionResponse | undefined>;
  listTriggers(name: string): Promise<TriggerInfo[]>;
  createFunction(request: CreateFunctionRequest): Promise<void>;
  updateFunctionCode(request: UpdateFunctionCodeRequest): Promise<void>;
  updateFunctionConfiguration(request: UpdateFunctionConfigurationRequest): Promise<void>;
  createTrigger(request: CreateTriggerRequest): Promise<void>;
  deleteTrigger(request: DeleteTriggerRequest): Promise<void>;
}

export function createScfApi(caller: TencentCaller, region: string): ScfApi {
  const call = <T>(action: string, params: object, mutating = false) =>
    caller.call<T>('scf', VERSION, action, region, params, { mutating });
  const write = async (action: string, params: object) => {
    await call(action, params, true);
  };
  return {
    async getFunction(name) {
      try {
        return await call<GetFunctionResponse>('GetFunction', {
          FunctionName: name,
          Namespace: SCF_NAMESPACE,
        });
      } catch (error) {
        if (error instanceof CloudError && NOT_FOUND.has(error.code)) return undefined;
        throw error;
      }
    },
    async listTriggers(name) {
      const all: TriggerInfo[] = [];
      for (let offset = 0; ; offset += TRIGGER_PAGE) {
        const page = await call<ListTriggersResponse>('ListTriggers', {
          FunctionName: name,
          Namespace: SCF_NAMESPACE,
          Offset: offset,
          Limit: TRIGGER_PAGE,
        });
        const triggers = page.Triggers ?? [];
        all.push(...triggers);
        if (triggers.length < TRIGGER_PAGE || all.length >= (page.TotalCount ?? 0)) return all;
      }
    },
    createFunction: (request) => write('CreateFunction', request),
    updateFunctionCode: (request) => write('UpdateFunctionCode', request),
    updateFunctionConfiguration: (request) => write('UpdateFunctionConfiguration', request),
    createTrigger: (request) => write('CreateTrigger', request),
    deleteTrigger: (request) => write('DeleteTrigger', request),
  };
}
