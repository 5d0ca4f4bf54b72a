/** `scf-backup validate`: the policy file checked, each policy shown with its next slot. */
import { createRedactor, secretsFromEnv } from '../alerts/redact';
import { isoSeconds } from '../engine/naming';
import { PolicyError } from '../policy/errors';
import type { BackupPolicy } from '../policy/schema';
import { parseCron } from '../schedule/cron';
import { nextSlot } from '../schedule/slots';
import { TARGETS } from '../targets/registry';
import { parseArgs, parseNow, stringFlag, UsageError } from './args';
import { loadCliPolicy } from './cli-policy';
import { localTime } from './local-time';
import { VALIDATE_HELP } from './help';
import { EXIT, type CliIo } from './io';
import { cliPolicyPath } from './policy-path';

/**
 * validate reads no cloud, so it knows only the highest quota a kind allows; `plan` reads each
 * resource's own quota (CBS DiskBackupQuota) and warns per resource.
 */
function quotaWarnings(policies: BackupPolicy[]): string[] {
  return policies.flatMap((policy) => {
    const target = TARGETS[policy.kind];
    const keepLast = 'retention' in policy ? policy.retention.keepLast : undefined;
    if (target.mode !== 'backup' || !('maxQuota' in target) || keepLast === undefined) return [];
    const max = target.maxQuota;
    return max !== undefined && keepLast > max
      ? [
          `${policy.name}: keepLast ${keepLast} exceeds ${max}, the most backups the cloud lets one ${policy.kind} resource keep: ` +
            'creates will be refused once a quota is full',
        ]
      : [];
  });
}

export async function validateCommand(argv: string[], rawIo: CliIo): Promise<number> {
  const redact = createRedactor(secretsFromEnv(rawIo.env));
  const io: CliIo = {
    ...rawIo,
    stdout: (text) => rawIo.stdout(redact(text)),
    stderr: (text) => rawIo.stderr(redact(text)),
  };
  const args = parseArgs(argv, {
    policy: { type: 'string' },
    now: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (args.flags.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const path = cliPolicyPath(stringFlag(args, 'policy'), io.env);
  const now = parseNow(stringFlag(args, 'now')) ?? new Date();
  const json = args.flags.json === true;
  try {
    // validate checks what a deployed function needs, alert variables included.
    const loaded = loadCliPolicy(path, io.env, { now, alertVariables: 'require' });
    const { file } = loaded;
    const warnings = [...loaded.warnings, ...quotaWarnings(file.policies)];
    const rows = file.policies.map((policy) => {
      const next = policy.enabled ? nextSlot(parseCron(policy.schedule), now, policy.timezone) : undefined;
      return { policy, next };
    });
    if (json) {
      io.stdout(`${JSON.stringify(validJson(path, rows, warnings), null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout(`${path}: valid, ${file.policies.length} policies\n`);
    for (const { policy, next } of rows) {
      // The next slot as the schedule reads it (the policy's zone), and in UTC as names carry it.
      const when = next ? `${localTime(next, policy.timezone)} (${isoSeconds(next)})` : 'never';
      const state = policy.enabled ? `next ${when}` : 'disabled';
      io.stdout(
        `  ${policy.name.padEnd(24)} ${policy.kind.padEnd(15)} '${policy.schedule}' ${policy.timezone}  ${state}\n`,
      );
    }
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PolicyError) {
      if (json) io.stdout(`${JSON.stringify({ file: path, valid: false, errors: error.issues }, null, 2)}\n`);
      else io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

/** `validate --json`: what the text shows, for scripts. */
function validJson(
  path: string,
  rows: Array<{ policy: BackupPolicy; next: Date | undefined }>,
  warnings: string[],
) {
  return {
    file: path,
    valid: true,
    policies: rows.map(({ policy, next }) => ({
      name: policy.name,
      kind: policy.kind,
      enabled: policy.enabled,
      schedule: policy.schedule,
      timezone: policy.timezone,
      next: next ? isoSeconds(next) : null,
      nextLocal: next ? localTime(next, policy.timezone) : null,
    })),
    warnings,
  };
}
