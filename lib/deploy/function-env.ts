/**
 * The environment the functions get, and the refusal to deploy functions that could not run:
 * the variables serverless.yml names, with the deployer's values, empty ones left out (SCF
 * refuses empty values); then the packaged policy is loaded with exactly that environment, as
 * the function will load it at start. Errors name variables, never their values.
 */
import { cloudOfKind } from '../cloud/clients';
import { ENV_VARS } from '../cloud/credentials';
import { SECRET_VARS } from '../cloud/huawei-secret';
import { PolicyError } from '../policy/errors';
import { parsePolicyObject } from '../policy/parse';
import { DeployInputError } from './errors';

/** The variables to send: those with a value, sorted by name so the order never shows as a change. */
export function functionVariables(declared: Record<string, string>): Record<string, string> {
  const entries = Object.entries(declared).filter(([, value]) => value !== '');
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Throws DeployInputError (exit 2) when an enabled policy needs a variable the functions would not
 * have: an alert channel's `${env:…}`, any other `${env:…}` in the policy, and the Huawei keys
 * when a Huawei policy is enabled (the project id too when a policy does not name one).
 */
export function checkPolicyNeeds(
  policyDocument: unknown,
  variables: Record<string, string>,
  declared: ReadonlySet<string>,
  zipPath: string,
): void {
  const source = `${zipPath}: policy.json`;
  const hint =
    'set it in the environment you deploy from; serverless.yml provider.environment.variables must name it (${env:NAME})';
  let policies;
  try {
    policies = parsePolicyObject(policyDocument, variables, source).policies.filter((p) => p.enabled);
  } catch (error) {
    if (error instanceof PolicyError) {
      throw new DeployInputError(
        `the functions could not load their policy with this environment:\n${error.message}\n(${hint})`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  const huawei = policies.filter((p) => cloudOfKind(p.kind) === 'huawei');
  if (huawei.length === 0) return;
  // The keys come from the SSM secret at run time (lib/cloud/huawei-secret.ts).
  if (variables[SECRET_VARS.name]) return;
  // No project id is needed: a region without one in the policy is discovered through IAM.
  const needed: string[] = [ENV_VARS.huaweiAk, ENV_VARS.huaweiSk];
  const missing = needed.filter((name) => !variables[name]);
  if (missing.length === 0) return;
  const names = huawei.map((p) => p.name).join(', ');
  const notNamed = missing.filter((name) => !declared.has(name));
  throw new DeployInputError(
    `not set: ${missing.join(', ')} (or ${SECRET_VARS.name}), needed by the enabled Huawei policies (${names})` +
      (notNamed.length > 0 ? `; serverless.yml does not name ${notNamed.join(', ')}` : '') +
      ` (${hint})`,
  );
}
