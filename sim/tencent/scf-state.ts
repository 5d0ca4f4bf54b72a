/**
 * SCF 2018-04-16 function registry of the simulator: what `scf-backup deploy` creates and updates.
 * Shapes from tencentcloud-sdk-nodejs `scf_models.d.ts`; error codes from the SDK's SCF error list
 * (tencentcloud-sdk-go `scf/v20180416/errors.go`). Like the backups, a status is derived from
 * `nowMs`: `Creating`/`Updating` turn `Active` once transitionMs has passed, so a test moves a
 * function along with its clock and no timer runs.
 */
import { createHash } from 'node:crypto';
import { TencentApiError } from '../types';
import { chinaDateTime } from './format';
import { invalidValue } from './params';

export interface ScfVariable {
  Key: string;
  Value: string;
}

export interface TriggerRecord {
  name: string;
  type: 'timer';
  /** As CreateTrigger received it: the 7-field cron. */
  cron: string;
  enabled: boolean;
  customArgument?: string;
  qualifier: string;
  description?: string;
  addedMs: number;
}

export interface FunctionRecord {
  name: string;
  namespace: string;
  region: string;
  id: string;
  handler: string;
  runtime: string;
  memorySize: number;
  timeoutSec: number;
  role: string;
  description: string;
  type: string;
  variables: ScfVariable[];
  codeSha256: string;
  codeSize: number;
  /** The last status set by an action; a transitional one is read through functionStatus(). */
  status: 'Creating' | 'Updating' | 'Active';
  statusSinceMs: number;
  addedMs: number;
  modifiedMs: number;
  triggers: Map<string, TriggerRecord>;
}

export interface ScfFunctionState {
  transitionMs: number;
  /** Keyed `<region>/<namespace>/<name>`: function names are unique per region and namespace. */
  functions: Map<string, FunctionRecord>;
  nextId: number;
}

export const functionKey = (region: string, namespace: string, name: string): string =>
  `${region}/${namespace}/${name}`;

export function functionStatus(state: ScfFunctionState, fn: FunctionRecord, nowMs: number): string {
  if (fn.status !== 'Active' && nowMs - fn.statusSinceMs >= state.transitionMs) return 'Active';
  return fn.status;
}

export function findFunction(
  state: ScfFunctionState,
  region: string,
  namespace: string | undefined,
  name: string,
): FunctionRecord {
  const fn = state.functions.get(functionKey(region, namespace ?? 'default', name));
  if (!fn) {
    // The message of the documented code, as the console shows it.
    throw new TencentApiError('ResourceNotFound.Function', `未找到指定的Function，请创建后再试。 (${name})`);
  }
  return fn;
}

/** Create, update and trigger actions need a function at rest, as SCF does. */
export function requireActive(
  state: ScfFunctionState,
  fn: FunctionRecord,
  nowMs: number,
  code: string,
): void {
  const status = functionStatus(state, fn, nowMs);
  if (status !== 'Active') {
    throw new TencentApiError(code, `当前函数状态无法进行此操作，请在状态为正常时重试。 (Status ${status})`);
  }
}

// ---- parameter rules (SDK comments) -----------------------------------------------------------

/** 2–60 chars of letters, digits, `-` and `_`; starts with a letter, ends with neither `-` nor `_`. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$/;
/** `file.method`, each part starting and ending with a letter (Node.js form), 2–60 chars. */
const HANDLER = /^[A-Za-z]([A-Za-z0-9_-]*[A-Za-z])?\.[A-Za-z]([A-Za-z0-9_-]*[A-Za-z])?$/;
/** The Node.js runtimes of SCF's Node.js runtime documentation (the SDK list stops at Nodejs18.15). */
const RUNTIMES = new Set([
  'Nodejs10.15',
  'Nodejs12.16',
  'Nodejs14.18',
  'Nodejs16.13',
  'Nodejs18.15',
  'Nodejs20.19',
  'Python3.9',
  'Python3.10',
  'Go1',
  'CustomRuntime',
]);
const RESERVED_PREFIXES = ['SCF_', 'QCLOUD_', 'TENCENTCLOUD_'];
const ENV_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
const MAX_ENV_BYTES = 4096;
/** CreateFunction's `Code.ZipFile` is at most 50 MB (SDK comment on `Code`). */
const MAX_ZIP_BYTES = 50 * 1024 * 1024;

export function checkFunctionName(name: string): void {
  if (!FUNCTION_NAME.test(name)) {
    throw new TencentApiError(
      'InvalidParameter.FunctionName',
      'FunctionName取值与规范不符: 2-60 letters, digits, - and _, starting with a letter.',
    );
  }
}

export function checkHandler(handler: string): void {
  if (handler.length < 2 || handler.length > 60 || !HANDLER.test(handler)) {
    throw new TencentApiError('InvalidParameterValue.Handler', `Handler传入错误: '${handler}'.`);
  }
}

export function checkRuntime(runtime: string): void {
  // UNCONFIRMED: only the runtimes listed above are simulated; the docs list more (Php, Java…).
  if (!RUNTIMES.has(runtime)) {
    throw new TencentApiError('InvalidParameterValue.Runtime', `Runtime传入错误: '${runtime}'.`);
  }
}

export function checkMemory(memorySize: number): void {
  // 64, or 128–3072 in steps of 128 (SDK comment on MemorySize).
  const ok = memorySize === 64 || (memorySize >= 128 && memorySize <= 3072 && memorySize % 128 === 0);
  if (!ok) throw new TencentApiError('InvalidParameterValue.MemorySize', `MemorySize错误: ${memorySize}.`);
}

export function checkTimeout(timeoutSec: number): void {
  if (timeoutSec < 1 || timeoutSec > 900) {
    throw new TencentApiError(
      'LimitExceeded.Timeout',
      `Timeout must be 1 to 900 seconds, not ${timeoutSec}.`,
    );
  }
}

/** `Environment {Variables: [{Key, Value}]}` → the list, checked. */
export function readEnvironment(raw: Record<string, unknown>): ScfVariable[] {
  const list = raw.Variables ?? [];
  const bad = () => invalidValue('Environment', 'Variables must be an Array of {Key, Value} strings');
  if (!Array.isArray(list)) throw bad();
  const seen = new Set<string>();
  const variables = list.map((item: unknown) => {
    const v = item as Partial<ScfVariable> | null;
    if (!v || typeof v.Key !== 'string' || typeof v.Value !== 'string') throw bad();
    // UNCONFIRMED: the SDK only says Key and Value "不可为空字符" and the docs say the prefixes are
    // reserved; the code chosen for a reserved key is the documented "system variable" one.
    if (RESERVED_PREFIXES.some((prefix) => v.Key?.startsWith(prefix))) {
      throw new TencentApiError(
        'InvalidParameterValue.EnvironmentSystemProtect',
        `不支持修改函数系统环境变量和运行环境变量: ${v.Key} uses a reserved prefix.`,
      );
    }
    if (!ENV_KEY.test(v.Key) || v.Value === '' || seen.has(v.Key)) {
      throw new TencentApiError('InvalidParameterValue.Environment', `Environment传入错误: key ${v.Key}.`);
    }
    seen.add(v.Key);
    return { Key: v.Key, Value: v.Value };
  });
  // UNCONFIRMED: the 4 KB counts the keys and values as UTF-8, with no separators.
  const bytes = variables.reduce((n, v) => n + Buffer.byteLength(v.Key) + Buffer.byteLength(v.Value), 0);
  if (bytes > MAX_ENV_BYTES) {
    throw new TencentApiError(
      'InvalidParameterValue.EnvironmentExceededLimit',
      '环境变量大小超限，请保持在 4KB 以内。',
    );
  }
  return variables;
}

/** A base64 zip (`ZipFile`): its SHA-256 and size, or the documented code for what is not one. */
export function readZip(base64: string): { sha256: string; size: number } {
  const bytes = Buffer.from(base64, 'base64');
  // A zip starts with a local file header (or is an empty archive's end record).
  const magic = bytes.subarray(0, 4).toString('hex');
  if (magic !== '504b0304' && magic !== '504b0506') {
    throw new TencentApiError('InvalidParameterValue.ZipFile', '检测到不是标准的zip文件，请重新压缩后再试。');
  }
  if (bytes.length > MAX_ZIP_BYTES) throw invalidValue('ZipFile', 'the zip is larger than 50 MB');
  return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}

/** `Trigger` / `TriggerInfo` as GetFunction and ListTriggers return it. */
export function renderTrigger(t: TriggerRecord): Record<string, unknown> {
  return {
    Type: t.type,
    // UNCONFIRMED: SCF answers a timer's TriggerDesc as JSON `{"cron":"…"}` (seen in community
    // tools), though CreateTrigger takes the bare cron. Clients should accept both.
    TriggerDesc: JSON.stringify({ cron: t.cron }),
    TriggerName: t.name,
    Enable: t.enabled ? 1 : 0,
    CustomArgument: t.customArgument ?? '',
    AvailableStatus: 'Available',
    Qualifier: t.qualifier,
    Description: t.description ?? '',
    AddTime: chinaDateTime(t.addedMs),
    ModTime: chinaDateTime(t.addedMs),
  };
}
