/**
 * SCF 2018-04-16 function management: GetFunction, CreateFunction, UpdateFunctionCode,
 * UpdateFunctionConfiguration, ListTriggers, CreateTrigger (timer only), DeleteTrigger — what
 * `scf-backup deploy` calls. Request and response shapes follow tencentcloud-sdk-nodejs
 * `scf_models.d.ts`; rules and error codes are in scf-state.ts. `Invoke` stays in scf.ts and
 * does not look functions up here (continuation tests invoke functions never deployed).
 */
import { parseCron } from '../../lib/schedule/cron';
import { TencentApiError, type TencentActionSpec } from '../types';
import { chinaDateTime } from './format';
import { invalidValue, tencentAction, readParams, requireRegion } from './params';
import {
  checkFunctionName,
  checkHandler,
  checkMemory,
  checkRuntime,
  checkTimeout,
  findFunction,
  functionKey,
  functionStatus,
  readEnvironment,
  readZip,
  renderTrigger,
  requireActive,
  type FunctionRecord,
  type ScfFunctionState,
} from './scf-state';

const SERVICE = 'scf';
const VERSION = '2018-04-16';
/** Quota page: at most 10 triggers of one type per function. */
const MAX_TIMERS = 10;
/** CreateTrigger comment: a timer name is letters, digits, `-` and `_`, at most 100 characters. */
const TIMER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;
const MAX_CUSTOM_ARGUMENT_BYTES = 4096;

const GET_PARAMS = {
  FunctionName: 'string',
  Qualifier: 'string',
  Namespace: 'string',
  ShowCode: 'string',
} as const;
const CONFIG_FIELDS = {
  FunctionName: 'string',
  Description: 'string',
  MemorySize: 'integer',
  Timeout: 'integer',
  Environment: 'object',
  Runtime: 'string',
  Namespace: 'string',
  Role: 'string',
} as const;
const CREATE_PARAMS = { ...CONFIG_FIELDS, Code: 'object', Handler: 'string', Type: 'string' } as const;
const CODE_PARAMS = {
  FunctionName: 'string',
  Handler: 'string',
  ZipFile: 'string',
  Code: 'object',
  Namespace: 'string',
  CodeSource: 'string',
} as const;
const UPDATE_CONFIG_PARAMS = { ...CONFIG_FIELDS, Publish: 'string' } as const;
const LIST_TRIGGERS_PARAMS = {
  FunctionName: 'string',
  Namespace: 'string',
  Offset: 'integer',
  Limit: 'integer',
  OrderBy: 'string',
  Order: 'string',
  Filters: 'filters',
} as const;
const CREATE_TRIGGER_PARAMS = {
  FunctionName: 'string',
  TriggerName: 'string',
  Type: 'string',
  TriggerDesc: 'string',
  Namespace: 'string',
  Qualifier: 'string',
  Enable: 'string',
  CustomArgument: 'string',
  Description: 'string',
} as const;
const DELETE_TRIGGER_PARAMS = {
  FunctionName: 'string',
  TriggerName: 'string',
  Type: 'string',
  Namespace: 'string',
  TriggerDesc: 'string',
  Qualifier: 'string',
} as const;

function renderFunction(state: ScfFunctionState, fn: FunctionRecord, nowMs: number): Record<string, unknown> {
  const status = functionStatus(state, fn, nowMs);
  return {
    FunctionName: fn.name,
    FunctionId: fn.id,
    Namespace: fn.namespace,
    Handler: fn.handler,
    Runtime: fn.runtime,
    MemorySize: fn.memorySize,
    Timeout: fn.timeoutSec,
    Role: fn.role,
    Description: fn.description,
    Type: fn.type,
    Environment: { Variables: fn.variables.map((v) => ({ ...v })) },
    Status: status,
    StatusDesc: status === 'Active' ? '' : `${status}…`,
    StatusReasons: [],
    CodeSize: fn.codeSize,
    CodeResult: 'success',
    CodeError: '',
    ErrNo: 0,
    FunctionVersion: '$LATEST',
    Qualifier: '$LATEST',
    InstallDependency: 'FALSE',
    AvailableStatus: 'Available',
    AddTime: chinaDateTime(fn.addedMs),
    ModTime: chinaDateTime(fn.modifiedMs),
    Triggers: [...fn.triggers.values()].map(renderTrigger),
    Tags: [],
    Layers: [],
  };
}

/** The fields CreateFunction and UpdateFunctionConfiguration share, checked, into `fn`. */
function applyConfig(fn: FunctionRecord, p: { [K in keyof typeof CONFIG_FIELDS]?: unknown }): void {
  if (typeof p.MemorySize === 'number') checkMemory(p.MemorySize);
  if (typeof p.Timeout === 'number') checkTimeout(p.Timeout);
  if (typeof p.MemorySize === 'number') fn.memorySize = p.MemorySize;
  if (typeof p.Timeout === 'number') fn.timeoutSec = p.Timeout;
  if (typeof p.Role === 'string') fn.role = p.Role;
  if (typeof p.Description === 'string') fn.description = p.Description;
  if (p.Environment !== undefined) fn.variables = readEnvironment(p.Environment as Record<string, unknown>);
}

function zipOf(p: { ZipFile?: string; Code?: Record<string, unknown> }): string {
  const zip = p.ZipFile ?? p.Code?.ZipFile;
  if (typeof zip !== 'string' || zip === '') {
    // UNCONFIRMED: only inline zips are simulated; COS sources are refused as missing code.
    throw new TencentApiError(
      'MissingParameter.Code',
      'Code没有传入: only Code.ZipFile (base64) is simulated.',
    );
  }
  return zip;
}

export function createScfFunctionActions(state: ScfFunctionState): TencentActionSpec[] {
  const action = tencentAction(SERVICE, VERSION);
  return [
    action('GetFunction', ({ params, region, nowMs }) => {
      const p = readParams(params, GET_PARAMS, ['FunctionName']);
      const fn = findFunction(state, requireRegion(region), p.Namespace, p.FunctionName ?? '');
      return renderFunction(state, fn, nowMs);
    }),

    action('CreateFunction', ({ params, region, nowMs }) => {
      const p = readParams(params, CREATE_PARAMS, ['FunctionName', 'Code']);
      const where = requireRegion(region);
      const name = p.FunctionName ?? '';
      checkFunctionName(name);
      const namespace = p.Namespace ?? 'default';
      const key = functionKey(where, namespace, name);
      if (state.functions.has(key))
        throw new TencentApiError('ResourceInUse.Function', `函数已存在: ${name}.`);
      const code = readZip(zipOf(p));
      const handler = p.Handler ?? 'index.main_handler';
      checkHandler(handler);
      const runtime = p.Runtime ?? 'Python2.7';
      checkRuntime(runtime);
      const type = p.Type ?? 'Event';
      if (type !== 'Event' && type !== 'HTTP') throw invalidValue('Type', 'must be Event or HTTP');
      state.nextId += 1;
      const fn: FunctionRecord = {
        name,
        namespace,
        region: where,
        id: `lam-${state.nextId.toString(36).padStart(8, '0')}`,
        handler,
        runtime,
        memorySize: 128,
        timeoutSec: 3,
        role: '',
        description: '',
        type,
        variables: [],
        codeSha256: code.sha256,
        codeSize: code.size,
        status: 'Creating',
        statusSinceMs: nowMs,
        addedMs: nowMs,
        modifiedMs: nowMs,
        triggers: new Map(),
      };
      applyConfig(fn, p);
      state.functions.set(key, fn);
      return {};
    }),

    action('UpdateFunctionCode', ({ params, region, nowMs }) => {
      const p = readParams(params, CODE_PARAMS, ['FunctionName']);
      const fn = findFunction(state, requireRegion(region), p.Namespace, p.FunctionName ?? '');
      const code = readZip(zipOf(p));
      if (p.Handler !== undefined) checkHandler(p.Handler);
      requireActive(state, fn, nowMs, 'FailedOperation.UpdateFunctionCode');
      if (p.Handler !== undefined) fn.handler = p.Handler;
      fn.codeSha256 = code.sha256;
      fn.codeSize = code.size;
      Object.assign(fn, { status: 'Updating', statusSinceMs: nowMs, modifiedMs: nowMs });
      return {};
    }),

    action('UpdateFunctionConfiguration', ({ params, region, nowMs }) => {
      const p = readParams(params, UPDATE_CONFIG_PARAMS, ['FunctionName']);
      const fn = findFunction(state, requireRegion(region), p.Namespace, p.FunctionName ?? '');
      // SDK: "函数运行环境，创建时指定，目前不支持修改". UNCONFIRMED: the code for a different one.
      if (p.Runtime !== undefined && p.Runtime !== fn.runtime) {
        throw new TencentApiError(
          'InvalidParameterValue.Runtime',
          `Runtime cannot be changed after creation (function ${fn.runtime}, asked ${p.Runtime}).`,
        );
      }
      requireActive(state, fn, nowMs, 'FailedOperation.UpdateFunctionConfiguration');
      // UNCONFIRMED: Environment replaces the whole variable list (what the console shows).
      applyConfig(fn, p);
      Object.assign(fn, { status: 'Updating', statusSinceMs: nowMs, modifiedMs: nowMs });
      return {};
    }),

    action('ListTriggers', ({ params, region }) => {
      const p = readParams(params, LIST_TRIGGERS_PARAMS, ['FunctionName']);
      const fn = findFunction(state, requireRegion(region), p.Namespace, p.FunctionName ?? '');
      let triggers = [...fn.triggers.values()];
      for (const filter of p.Filters ?? []) {
        const field = { TriggerName: 'name', Qualifier: 'qualifier', Description: 'description' } as const;
        const key = field[filter.Name as keyof typeof field];
        if (!key)
          throw new TencentApiError('InvalidParameterValue.Filters', `Filters参数错误: ${filter.Name}.`);
        triggers = triggers.filter((t) => filter.Values.includes(t[key] ?? ''));
      }
      // Documented default: newest first (Order DESC by mod_time).
      triggers.sort((a, b) => (p.Order === 'ASC' ? a.addedMs - b.addedMs : b.addedMs - a.addedMs));
      const offset = p.Offset ?? 0;
      const limit = p.Limit ?? 20;
      if (offset < 0) throw new TencentApiError('InvalidParameterValue.Offset', '偏移量不合法。');
      if (limit < 1 || limit > 100)
        throw new TencentApiError('InvalidParameterValue.Limit', 'Limit传入错误。');
      return {
        TotalCount: triggers.length,
        Triggers: triggers.slice(offset, offset + limit).map(renderTrigger),
      };
    }),

    action('CreateTrigger', ({ params, region, nowMs }) => {
      const p = readParams(params, CREATE_TRIGGER_PARAMS, ['FunctionName', 'TriggerName', 'Type']);
      const fn = findFunction(state, requireRegion(region), p.Namespace, p.FunctionName ?? '');
      // UNCONFIRMED: only timers are simulated; the other types are refused as unsupported.
      if (p.Type !== 'timer') {
        throw new TencentApiError(
          'UnsupportedOperation.Trigger',
          `Trigger操作不支持 (simulated: timer), not ${p.Type}.`,
        );
      }
      const name = p.TriggerName ?? '';
      if (!TIMER_NAME.test(name)) {
        throw new TencentApiError('InvalidParameterValue.TriggerName', `TriggerName传入错误: '${name}'.`);
      }
      const cron = p.TriggerDesc ?? '';
      try {
        parseCron(cron);
      } catch (error) {
        throw new TencentApiError(
          'InvalidParameterValue.TriggerDesc',
          `TriggerDesc传入参数错误: ${(error as Error).message}`,
        );
      }
      const enable = p.Enable ?? 'OPEN';
      if (enable !== 'OPEN' && enable !== 'CLOSE') {
        throw new TencentApiError('InvalidParameterValue.Enable', 'Enable must be OPEN or CLOSE.');
      }
      if (p.CustomArgument !== undefined && Buffer.byteLength(p.CustomArgument) > MAX_CUSTOM_ARGUMENT_BYTES) {
        throw new TencentApiError('InvalidParameterValue.CustomArgument', 'CustomArgument参数长度超限。');
      }
      requireActive(state, fn, nowMs, 'FailedOperation.CreateTrigger');
      if (fn.triggers.has(name))
        throw new TencentApiError('ResourceInUse.Trigger', `TriggerName已存在: ${name}.`);
      if (fn.triggers.size >= MAX_TIMERS)
        throw new TencentApiError('LimitExceeded.Trigger', '触发器数量超出最大限制。');
      const trigger = {
        name,
        type: 'timer' as const,
        cron: cron.trim(),
        enabled: enable === 'OPEN',
        qualifier: p.Qualifier ?? '$LATEST',
        addedMs: nowMs,
        ...(p.CustomArgument !== undefined ? { customArgument: p.CustomArgument } : {}),
        ...(p.Description !== undefined ? { description: p.Description } : {}),
      };
      fn.triggers.set(name, trigger);
      return { TriggerInfo: renderTrigger(trigger) };
    }),

    action('DeleteTrigger', ({ params, region }) => {
      const p = readParams(params, DELETE_TRIGGER_PARAMS, ['FunctionName', 'TriggerName', 'Type']);
      const fn = findFunction(state, requireRegion(region), p.Namespace, p.FunctionName ?? '');
      const trigger = fn.triggers.get(p.TriggerName ?? '');
      if (!trigger || trigger.type !== p.Type) {
        throw new TencentApiError('ResourceNotFound.Trigger', `触发器不存在: ${p.TriggerName}.`);
      }
      fn.triggers.delete(trigger.name);
      return {};
    }),
  ];
}

/** Plain JSON of the functions for `GET /_sim/state` (the code only as its hash). */
export function scfFunctionsSnapshot(state: ScfFunctionState, nowMs: number): unknown[] {
  return [...state.functions.values()].map((fn) => ({
    Region: fn.region,
    CodeSha256: fn.codeSha256,
    ...renderFunction(state, fn, nowMs),
  }));
}
