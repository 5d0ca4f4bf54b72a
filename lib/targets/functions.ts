/**
 * The SCF functions, derived from the registry: each kind's descriptor names the function whose
 * runs include it, so a function's kinds and the list of functions to build, deploy and invoke
 * are never written down anywhere else. serverless.yml cannot import this: a test holds it to it.
 */
import { KINDS, TARGETS, type BackupKind } from './registry';

/** Every function, in the registry's order of first use. */
export const FUNCTION_NAMES: readonly string[] = [...new Set(KINDS.map((kind) => TARGETS[kind].function))];

/** The kinds whose policies a function runs. */
export function kindsOfFunction(name: string): BackupKind[] {
  const kinds = KINDS.filter((kind) => TARGETS[kind].function === name);
  if (kinds.length === 0) {
    throw new Error(`no kind runs in a function named '${name}'; functions: ${FUNCTION_NAMES.join(', ')}`);
  }
  return kinds;
}
