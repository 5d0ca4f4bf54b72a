/**
 * `scf-backup deploy` without the CLI: serverless.yml + the code package → the functions on SCF.
 * The order is what makes it safe: every input is checked before any call (exit 2, nothing
 * called), every function is read before any change (a conflict changes nothing), then the
 * functions are deployed side by side, each one step at a time.
 */
import { didYouMean } from '../policy/suggest';
import type { Env } from '../cloud/credentials';
import type { TencentCaller } from '../cloud/types';
import { applyFunction, type FunctionOutcome, type WaitOptions } from './apply';
import { readCodePackage } from './code-package';
import { DeployConflictError, DeployInputError } from './errors';
import { checkPolicyNeeds, functionVariables } from './function-env';
import { secretInsteadOfKeys } from './huawei-secret-vars';
import { planFunction, type FunctionPlan } from './plan';
import { createScfApi } from './scf-api';
import { loadServiceSpec, type ServiceSpec } from './serverless-config';

export interface DeployOptions extends WaitOptions {
  configPath: string;
  zipPath: string;
  region?: string;
  stage?: string;
  /** Function keys (`disk-backup`) to deploy; all when undefined. */
  only?: readonly string[];
  dryRun: boolean;
  /** The deployer's environment: `${env:…}` in serverless.yml reads it. */
  env: Env;
  /** Made once the inputs are checked, so bad input never needs credentials. */
  caller: () => TencentCaller;
}

export interface FunctionResult {
  plan: FunctionPlan;
  outcome?: FunctionOutcome;
  error?: string;
}

export interface DeployReport {
  service: ServiceSpec;
  zipPath: string;
  zipBytes: number;
  dryRun: boolean;
  functions: FunctionResult[];
}

function selectFunctions(
  service: ServiceSpec,
  only: readonly string[] | undefined,
): ServiceSpec['functions'] {
  if (!only) return service.functions;
  const keys = service.functions.map((f) => f.key);
  const unknown = only.filter((name) => !keys.includes(name));
  if (unknown.length > 0) {
    const named = unknown.map((name) => `${name}${didYouMean(name, keys)}`).join(', ');
    throw new DeployInputError(`--only: no function ${named} in serverless.yml (it has ${keys.join(', ')})`);
  }
  return service.functions.filter((f) => only.includes(f.key));
}

export async function deploy(options: DeployOptions): Promise<DeployReport> {
  const service = loadServiceSpec(options.configPath, {
    options: { region: options.region, stage: options.stage },
    env: options.env,
  });
  const functions = selectFunctions(service, options.only);
  const code = readCodePackage(options.zipPath);
  // Each function must be able to load the packaged policy with the environment it will get.
  const plans: Array<{ spec: (typeof functions)[number]; variables: Record<string, string> }> = [];
  for (const spec of functions) {
    const variables = secretInsteadOfKeys(functionVariables(spec.variables));
    checkPolicyNeeds(code.policy, variables, new Set(Object.keys(spec.variables)), options.zipPath);
    plans.push({ spec, variables });
  }

  const api = createScfApi(options.caller(), service.region);
  const planned = await Promise.all(plans.map(({ spec, variables }) => planFunction(api, spec, variables)));
  const problems = planned.flatMap((p) => (p.problem ? [p.problem] : []));
  if (problems.length > 0) throw new DeployConflictError(problems);

  const report: DeployReport = {
    service,
    zipPath: options.zipPath,
    zipBytes: code.bytes.length,
    dryRun: options.dryRun,
    functions: planned.map((plan) => ({ plan })),
  };
  if (options.dryRun) return report;

  const zipBase64 = code.bytes.toString('base64');
  await Promise.all(
    report.functions.map(async (result) => {
      try {
        result.outcome = await applyFunction(api, result.plan, zipBase64, options);
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
      }
    }),
  );
  return report;
}

/** Long-lived keys deploy stores as plain function variables (readable with scf:GetFunction). */
export const PLAIN_KEY_VARIABLES = ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'] as const;

export function plainKeysDeployed(report: DeployReport): string[] {
  const names = new Set(report.functions.flatMap((f) => Object.keys(f.plan.variables)));
  return PLAIN_KEY_VARIABLES.filter((name) => names.has(name));
}
