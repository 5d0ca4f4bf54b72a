/**
 * serverless.yml as the one description of the functions: runtime, memory, timeout, role,
 * environment, handlers and timer crons, read here exactly as the Serverless plugin reads them
 * (the serverless-tencent-scf plugin documentation), so `serverless package` and `scf-backup deploy` can never
 * disagree. Only the variable forms serverless.yml uses are resolved (see resolveVariables);
 * anything else is an error that names it, never a value passed through half-resolved.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseCron } from '../schedule/cron';
import type { Env } from '../cloud/credentials';
import { DeployInputError } from './errors';

export interface TimerSpec {
  name: string;
  /** 7-field SCF cron. */
  cron: string;
  enabled: boolean;
}

export interface FunctionSpec {
  /** The key under `functions:` (`disk-backup`). */
  key: string;
  /** `<service>-<stage>-<key>`, as the plugin names deployed functions. */
  name: string;
  handler: string;
  runtime: string;
  memorySize: number;
  timeoutSec: number;
  role: string;
  description: string;
  /** Every variable serverless.yml names, resolved; '' where the deployer's environment has none. */
  variables: Record<string, string>;
  timers: TimerSpec[];
}

export interface ServiceSpec {
  service: string;
  region: string;
  stage: string;
  functions: FunctionSpec[];
}

export interface ResolveOptions {
  /** `--region` / `--stage`, read by `${opt:…}`. */
  options: Record<string, string | undefined>;
  env: Env;
}

/** SCF reserves these prefixes for the platform; the function must never be sent one. */
export const RESERVED_PREFIXES = ['SCF_', 'TENCENTCLOUD_', 'QCLOUD_'] as const;

// `${opt:NAME}`, `${env:NAME}`, each with an optional `, 'default'` / `, "default"` / `, bare`.
const VARIABLE = /\$\{\s*([a-z]+):([A-Za-z0-9_]+)\s*(?:,\s*(?:'([^']*)'|"([^"]*)"|([^}\s]*))\s*)?\}/g;

/**
 * `${opt:x, 'd'}` → the CLI option or d; `${env:X, 'd'}` → the deployer's variable (empty counts
 * as unset, as in Serverless) or d; without a default an unset one is '' (a deploy then refuses
 * it where a policy needs it). Other sources (`self:`, `file:`, `ssm:`…) are refused.
 */
export function resolveVariables(text: string, where: string, { options, env }: ResolveOptions): string {
  const resolved = text.replace(
    VARIABLE,
    (whole, source: string, name: string, q1?: string, q2?: string, bare?: string) => {
      const fallback = q1 ?? q2 ?? bare ?? '';
      if (source === 'opt') return options[name] ?? fallback;
      if (source === 'env') return env[name] || fallback;
      throw new DeployInputError(
        `serverless.yml ${where}: ${whole}: only \${opt:…} and \${env:…} are resolved`,
      );
    },
  );
  if (resolved.includes('${')) {
    throw new DeployInputError(
      `serverless.yml ${where}: '${text}' has a variable form deploy does not resolve`,
    );
  }
  return resolved;
}

type Raw = Record<string, unknown>;
const asObject = (value: unknown): Raw | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined;

export function loadServiceSpec(path: string, resolve: ResolveOptions): ServiceSpec {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DeployInputError(`${path}: ${(error as Error).message}`, { cause: error });
  }
  const root = asObject(doc) ?? {};
  const text = (value: unknown, where: string): string | undefined =>
    value === undefined || value === null ? undefined : resolveVariables(String(value), where, resolve);
  const provider = asObject(root.provider) ?? {};
  const service = text(root.service, 'service');
  if (!service) throw new DeployInputError(`${path}: no 'service' name`);
  const region = text(provider.region, 'provider.region') || 'ap-guangzhou';
  const stage = text(provider.stage, 'provider.stage') || 'dev';

  const functions = Object.entries(asObject(root.functions) ?? {}).map(([key, value]): FunctionSpec => {
    const fn = asObject(value) ?? {};
    const field = (name: string): string | undefined =>
      text(fn[name], `functions.${key}.${name}`) ?? text(provider[name], `provider.${name}`);
    // The plugin's default runtime is the retired 'nodejs8': refuse rather than guess.
    const runtime = field('runtime');
    if (!runtime)
      throw new DeployInputError(`${path}: no runtime for function ${key} (set provider.runtime)`);
    return {
      key,
      name: `${service}-${stage}-${key}`,
      handler: text(fn.handler, `functions.${key}.handler`) ?? 'index.main_handler',
      runtime,
      memorySize: integer(field('memorySize') ?? '128', `functions.${key}.memorySize`),
      timeoutSec: integer(field('timeout') ?? '3', `functions.${key}.timeout`),
      role: field('role') ?? '',
      description: field('description') ?? '',
      variables: variables(provider, fn, key, resolve),
      timers: timers(fn, key, resolve),
    };
  });
  if (functions.length === 0) throw new DeployInputError(`${path}: no functions`);
  return { service, region, stage, functions };
}

function integer(value: string, where: string): number {
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new DeployInputError(`serverless.yml ${where}: '${value}' is not an integer`);
  return n;
}

/** provider.environment.variables, then the function's own on top (the plugin merges them so). */
function variables(provider: Raw, fn: Raw, key: string, resolve: ResolveOptions): Record<string, string> {
  const out: Record<string, string> = {};
  const layers: [Raw, string][] = [
    [provider, 'provider.environment.variables'],
    [fn, `functions.${key}.environment.variables`],
  ];
  for (const [owner, where] of layers) {
    const vars = asObject(asObject(owner.environment)?.variables) ?? {};
    for (const [name, value] of Object.entries(vars)) {
      if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) {
        throw new DeployInputError(
          `serverless.yml ${where}.${name}: SCF reserves the prefixes ${RESERVED_PREFIXES.join(', ')}; ` +
            'rename the variable (the webhook secret goes as BACKUP_WEBHOOK_SECRET)',
        );
      }
      out[name] =
        value === null || value === undefined
          ? ''
          : resolveVariables(String(value), `${where}.${name}`, resolve);
    }
  }
  return out;
}

function timers(fn: Raw, key: string, resolve: ResolveOptions): TimerSpec[] {
  const events = Array.isArray(fn.events) ? fn.events : [];
  return events.map((event: unknown, i): TimerSpec => {
    const where = `functions.${key}.events[${i}]`;
    const timer = asObject(asObject(event)?.timer);
    if (!timer) throw new DeployInputError(`serverless.yml ${where}: deploy creates timer triggers only`);
    const parameters = asObject(timer.parameters) ?? {};
    const name =
      timer.name === undefined ? '' : resolveVariables(String(timer.name), `${where}.timer.name`, resolve);
    if (!name) throw new DeployInputError(`serverless.yml ${where}.timer: needs a name`);
    const cron = resolveVariables(
      String(parameters.cronExpression ?? ''),
      `${where}.timer.parameters.cronExpression`,
      resolve,
    );
    try {
      parseCron(cron);
    } catch (error) {
      throw new DeployInputError(`serverless.yml ${where}.timer: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const enable = parameters.enable;
    return { name, cron: cron.trim(), enabled: enable === undefined || enable === true || enable === 'true' };
  });
}
