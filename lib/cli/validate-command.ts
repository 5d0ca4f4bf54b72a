/** `scf-backup validate`: the policy file checked, each policy shown with its next slot. */
import { createRedactor, secretsFromEnv } from '../alerts/redact';
import { isoSeconds } from '../engine/naming';
import { PolicyError } from '../policy/errors';
import { loadPolicyFile, policyPath } from '../policy/load';
import { parseCron } from '../schedule/cron';
import { nextSlot } from '../schedule/slots';
import { TARGETS } from '../targets/registry';
import type { BackupPolicy } from '../policy/schema';
import { parseArgs, parseNow, stringFlag, UsageError } from './args';
import { VALIDATE_HELP } from './help';
import { EXIT, type CliIo } from './io';

/** How often the deployed functions' timers fire (serverless.yml). */
const TIMER_PERIOD_MS = 15 * 60_000;

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
    help: { type: 'boolean' },
  });
  if (args.flags.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const path = stringFlag(args, 'policy') ?? policyPath(io.env);
  const now = parseNow(stringFlag(args, 'now')) ?? new Date();
  try {
    const file = loadPolicyFile(path, io.env);
    io.stdout(`${path}: valid, ${file.policies.length} policies\n`);
    for (const policy of file.policies) {
      const next = nextSlot(parseCron(policy.schedule), now, policy.timezone);
      const state = policy.enabled ? `next ${next ? isoSeconds(next) : 'never'}` : 'disabled';
      io.stdout(
        `  ${policy.name.padEnd(24)} ${policy.kind.padEnd(15)} '${policy.schedule}' ${policy.timezone}  ${state}\n`,
      );
    }
    // The deployed timers fire every 15 minutes (serverless.yml): a shorter window can let a slot
    // pass between two firings.
    const short = file.policies.filter((p) => p.enabled && p.catchUpMs < TIMER_PERIOD_MS);
    for (const policy of short) {
      io.stderr(
        `warning: ${policy.name}: catchUp ${Math.round(policy.catchUpMs / 60_000)} min is shorter than the 15 min ` +
          'between timer firings of the deployed functions: a slot can pass without a backup\n',
      );
    }
    for (const line of quotaWarnings(file.policies)) io.stderr(`warning: ${line}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PolicyError) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
