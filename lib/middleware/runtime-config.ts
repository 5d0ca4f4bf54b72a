/**
 * A function's configuration, read once per container: the policy that travels with the code
 * (policy.json beside the bundle, written by the build), the webhook secret, and the values that
 * must never reach a log. A bad policy fails the invocation with every issue named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelSecrets, urlSecrets } from '../alerts/redact';
import type { Env } from '../cloud/credentials';
import { secretsFromEnv } from '../engine/log';
import { parsePolicyObject } from '../policy/parse';
import type { PolicyFile } from '../policy/schema';

export interface RuntimeConfig {
  file: PolicyFile;
  webhookSecret?: string;
  /** Keys, tokens, webhook URLs and signing secrets: redacted from every log line. */
  secrets: string[];
}

/** Where the build puts the policy: next to the function's bundle, or as $SCF_BACKUP_POLICY. */
export function policyJsonPath(env: Env, bundleDir: string): string {
  const configured = env.SCF_BACKUP_POLICY;
  return configured && configured.endsWith('.json') ? configured : join(bundleDir, 'policy.json');
}

export function loadRuntimeConfig(env: Env, bundleDir: string): RuntimeConfig {
  const path = policyJsonPath(env, bundleDir);
  const file = parsePolicyObject(JSON.parse(readFileSync(path, 'utf8')), env, path);
  // SCF refuses user variables named SCF_…, so on SCF the secret is BACKUP_WEBHOOK_SECRET; the
  // contract's SCF_BACKUP_WEBHOOK_SECRET still works everywhere else (the CLI, other hosts).
  const webhookSecret =
    env.SCF_BACKUP_WEBHOOK_SECRET?.trim() || env.BACKUP_WEBHOOK_SECRET?.trim() || undefined;
  const secrets = [
    ...secretsFromEnv(env),
    ...Object.values(file.alerts).flatMap(channelSecrets),
    // The heartbeat URL is a secret like a channel URL: whoever has it can fake "all is well".
    ...(file.heartbeat ? urlSecrets(file.heartbeat.url) : []),
  ].filter((value) => value.length >= 4);
  return { file, webhookSecret, secrets };
}
