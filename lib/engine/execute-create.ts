/**
 * One backup create with bounded patience. After any refusal but an authentication one, the
 * slot's backup is looked up by name first: a lost answer may have created it, and an overlapping
 * invocation of the same policy (SCF can start them) may have made it while this one waited. Only
 * then is the create tried again (busy: after a back-off; unknown outcome: at once) or the
 * failure reported.
 */
import { withAttemptFailure } from './attempt-failure';
import { CallAbortedError, CloudError } from '../errors/cloud-error';
import type { Backup, CloudClients } from '../targets/types';
import type { ExecuteOptions } from './execute';
import type { BackupPolicyPlan, ResourcePlan } from './plan';
import { openGate, stopPolicy, type PolicyState } from './policy-state';

export function isUncertain(error: unknown): boolean {
  // A throttled answer proves nothing happened; anything transient might have happened.
  return !(error instanceof CloudError) || error.errorClass === 'transient';
}

function isBusy(error: unknown): boolean {
  return error instanceof CloudError && error.errorClass === 'busy';
}

/** The resource's backup that `matches`, listed afresh (by name after a create, by id after a prune). */
export async function findBackup(
  plan: BackupPolicyPlan,
  rp: ResourcePlan,
  clients: CloudClients,
  matches: (backup: Backup) => boolean,
): Promise<Backup | undefined> {
  const backups = await plan.target.listBackups(plan.policy, rp.resource.region, [rp.resource], clients);
  return (backups.get(rp.resource.id) ?? []).find(matches);
}

export type CreateResult =
  | { kind: 'created'; backupId: string; requestId?: string }
  /** The create's answer was lost, and the backup turned out to exist: ours. */
  | { kind: 'recovered'; backupId: string }
  /** Refused as busy or conflicting because an overlapping run already made this slot's backup. */
  | { kind: 'concurrent'; backup: Backup };

export async function createBackup(
  plan: BackupPolicyPlan,
  rp: ResourcePlan,
  name: string,
  options: ExecuteOptions,
  state: PolicyState,
): Promise<CreateResult> {
  const busyRetries = options.busyRetries ?? 4;
  const uncertainRetries = options.uncertainRetries ?? 3;
  let busy = 0;
  let uncertain = 0;
  for (;;) {
    const answered = state.firstAnswer ? undefined : openGate(state);
    try {
      const created = await plan.target.createBackup(plan.policy, rp.resource, name, state.clients);
      answered?.();
      return { kind: 'created', ...created };
    } catch (error) {
      const refused = error instanceof CloudError && error.errorClass === 'auth';
      if (refused) stopPolicy(state, error, `authentication failed (${error.code})`);
      answered?.();
      if (error instanceof CallAbortedError) throw error;
      if (refused || (error instanceof CloudError && error.errorClass === 'throttled')) throw error;
      // Was any attempt of ours possibly carried out? Then a backup found by name is ours.
      const maybeOurs = uncertain > 0 || isUncertain(error);
      let existing: Backup | undefined;
      try {
        existing = await findBackup(plan, rp, state.clients, (b) => b.name === name);
      } catch {
        // Without the lookup, a retry could make a second backup of a create that did happen:
        // report the outcome as unknown instead. The next run finds the backup, or makes it.
        if (maybeOurs) throw withAttemptFailure(error, { kind: 'outcome-unknown' });
      }
      if (existing && existing.state !== 'failed') {
        return maybeOurs
          ? { kind: 'recovered', backupId: existing.id }
          : { kind: 'concurrent', backup: existing };
      }
      if (isBusy(error) && busy < busyRetries) {
        busy += 1;
        await options.sleep((options.busyDelayMs ?? 2_000) * 2 ** (busy - 1));
        continue;
      }
      if (isUncertain(error) && uncertain < uncertainRetries) {
        uncertain += 1;
        continue;
      }
      if (isBusy(error)) throw withAttemptFailure(error, { kind: 'busy-gave-up', busyRetries: busy });
      throw error;
    }
  }
}

/** The cloud refused the create because the resource's backup quota is full (the kind's own codes). */
export function isQuotaRefusal(plan: BackupPolicyPlan, error: unknown): boolean {
  return error instanceof CloudError && plan.target.errors.quota.includes(error.code);
}
