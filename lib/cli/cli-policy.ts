/**
 * The policy file as the CLI reads it. The CLI never sends alerts, so for plan/run/status an alert
 * channel's unset variable is a warning there (a deployed function still refuses to start without
 * it). Calendar checks (a schedule that never fires again; settings that defeat each other) are
 * added here, before any call.
 */
import { PolicyError, type PolicyIssue } from '../policy/errors';
import type { Env } from '../policy/interpolate';
import { loadPolicyFile } from '../policy/load';
import type { PolicyFile } from '../policy/schema';
import { adviseOnPolicies } from './policy-advice';

export interface CliPolicy {
  file: PolicyFile;
  /** One line each, without the `warning: ` prefix. */
  warnings: string[];
}

export interface CliPolicyOptions {
  now: Date;
  /** `warn` for the commands that never alert (plan, run, status); `require` otherwise. */
  alertVariables: 'require' | 'warn';
}

const UNSET = /^environment variable ([A-Za-z_][A-Za-z0-9_]*) is not set$/;

function isUnsetAlertVariable(issue: PolicyIssue): boolean {
  return issue.path.startsWith('alerts.') && UNSET.test(issue.message);
}

/** `env`, with the named variables reading as a placeholder URL: never sent to (the CLI does not alert). */
function withPlaceholdersFor(env: Env, names: ReadonlySet<string>): Env {
  return new Proxy(env, {
    get: (target, name) =>
      typeof name === 'string' && names.has(name) ? `https://unset.invalid/${name}` : target[name as string],
  });
}

function loadLenient(path: string, env: Env, warnings: string[]): PolicyFile {
  try {
    return loadPolicyFile(path, env);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const unset = error.issues.filter(isUnsetAlertVariable);
    if (unset.length === 0) throw error;
    for (const issue of unset) {
      warnings.push(
        `${issue.path}: ${issue.message}: fine for this command (the CLI sends no alerts), ` +
          'but a deployed function refuses to start without it',
      );
    }
    const rest = error.issues.filter((issue) => !isUnsetAlertVariable(issue));
    if (rest.length > 0) throw new PolicyError(error.source, rest);
    const names = new Set(unset.map((issue) => (UNSET.exec(issue.message) as RegExpExecArray)[1] as string));
    return loadPolicyFile(path, withPlaceholdersFor(env, names));
  }
}

export function loadCliPolicy(path: string, env: Env, options: CliPolicyOptions): CliPolicy {
  const warnings: string[] = [];
  const file =
    options.alertVariables === 'warn' ? loadLenient(path, env, warnings) : loadPolicyFile(path, env);
  const advice = adviseOnPolicies(file, options.now);
  if (advice.errors.length > 0) throw new PolicyError(path, advice.errors);
  return { file, warnings: [...warnings, ...advice.warnings] };
}
