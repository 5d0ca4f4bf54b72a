/**
 * A function's configuration. The webhook secret and the redactor come from the environment
 * alone, so an HTTP request is authenticated (and a refusal logged) before anything else is read;
 * the policy that travels with the code (policy.json beside the bundle, written by the build) is
 * read once per container, only for a request that may run. A bad policy fails the invocation
 * with every issue named.
 */
import { join } from 'node:path';
import { channelSecrets, urlSecrets } from '../alerts/redact';
import type { Env } from '../cloud/credentials';
import { readPolicyJson } from '../policy/limits';
import { parsePolicyObject } from '../policy/parse';
import type { PolicyFile } from '../policy/schema';

export interface RuntimeConfig {
  file: PolicyFile;
  /** The alert channels' URL tokens, signing secrets and headers, and the heartbeat URL: redacted everywhere. */
  channelSecrets: string[];
}

/**
 * SCF refuses user variables named SCF_…, so on SCF the secret is BACKUP_WEBHOOK_SECRET; the
 * contract's SCF_BACKUP_WEBHOOK_SECRET still works everywhere else (the CLI, other hosts).
 */
export function webhookSecretOf(env: Env): string | undefined {
  return env.SCF_BACKUP_WEBHOOK_SECRET?.trim() || env.BACKUP_WEBHOOK_SECRET?.trim() || undefined;
}

/** Where the build puts the policy: next to the function's bundle, or as $SCF_BACKUP_POLICY. */
export function policyJsonPath(env: Env, bundleDir: string): string {
  const configured = env.SCF_BACKUP_POLICY;
  return configured && configured.endsWith('.json') ? configured : join(bundleDir, 'policy.json');
}

export function loadRuntimeConfig(env: Env, bundleDir: string): RuntimeConfig {
  const path = policyJsonPath(env, bundleDir);
  const file = parsePolicyObject(readPolicyJson(path), env, path);
  const secrets = [
    ...Object.values(file.alerts).flatMap(channelSecrets),
    // The heartbeat URL is a secret like a channel URL: whoever has it can fake "all is well".
    ...(file.heartbeat ? urlSecrets(file.heartbeat.url) : []),
  ];
  return { file, channelSecrets: secrets };
}
