/**
 * The policy file a command reads: `--policy`, else `$SCF_BACKUP_POLICY` (both as given, relative
 * to the current directory), else the project's example policy — found from the project root, so
 * the command works from any directory. Shown relative to the current directory when inside it.
 */
import { isAbsolute, join, relative } from 'node:path';
import { DEFAULT_POLICY_PATH, policyPath } from '../policy/load';
import type { Env } from '../policy/interpolate';
import { PROJECT_ROOT } from '../project-root';

export function cliPolicyPath(flag: string | undefined, env: Env, cwd: string = process.cwd()): string {
  if (flag !== undefined) return flag;
  const fromEnv = policyPath(env);
  if (fromEnv !== DEFAULT_POLICY_PATH) return fromEnv;
  const example = join(PROJECT_ROOT, DEFAULT_POLICY_PATH);
  const shown = relative(cwd, example);
  return shown.startsWith('..') || isAbsolute(shown) ? example : shown;
}
