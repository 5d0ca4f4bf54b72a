/**
 * Execute a plan: one chain per resource (create, then prune), so a resource never has two of our
 * backups in progress at once; chains run side by side in a pool while the clients pace each API.
 * Busy resources are tried again later within a bound; a create whose answer was lost is looked up
 * by name before it is tried again; an authentication failure stops the policy at once.
 */
import { CallAbortedError, CloudError } from '../cloud/errors';
import type { HuaweiCaller, TencentCaller } from '../cloud/types';
import type { Backup, CloudClients } from '../targets/types';
import { reportedError } from './errors';
import type { Logger } from './log';
import type { BackupPolicyPlan, ResourcePlan } from './plan';
import type { WorkPool } from './pool';
import { NOT_STARTED_REASON } from './report';
import type { ReportedError, TargetReport } from './types';

export interface ExecuteOptions {
  clients: CloudClients;
  dryRun: boolean;
  pool: WorkPool;
  log: Logger;
  sleep: (ms: number) => Promise<void>;
  /** True once the run should start no new work (its time limit is near). */
  shouldStop: () => boolean;
  /** How often, and how patiently, a busy resource is tried again. */
  busyRetries?: number;
  busyDelayMs?: number;
  /** How often a create whose outcome is unknown (timeout, dropped connection, 5xx) is tried again. */
  uncertainRetries?: number;
  /** A policy stops after this many failed creates once they are also half of those answered. */
  errorBudget?: number;
  /** Told each time a resource is planned and each time its chain has finished. */
  /** Report rows planned and finished (the CLI's progress: its count matches the summary's rows). */
  progress?: (event: 'planned' | 'finished', rows: number) => void;
}

/** Shared by every chain of one policy: why it stopped, and the counts the error budget reads. */
interface PolicyState {
  stopped?: { reason: string; error: ReportedError };
  attempted: number;
  failed: number;
  /**
   * Settles when the policy's first create call is answered. The other creates wait for it, so a
   * key or role the cloud refuses (UnauthorizedOperation on create, when listing was allowed)
   * stops the policy after one call instead of one per resource already queued in the throttle.
   */
  firstAnswer?: Promise<void>;
  /** Aborted when the policy stops: calls still waiting for their pacing token are never sent. */
  abort: AbortController;
  /** The run's clients, with this policy's abort signal on every call. */
  clients: CloudClients;
}

/** Every call through these clients carries `signal` (see CallOptions.signal). */
function withSignal(clients: CloudClients, signal: AbortSignal): CloudClients {
  return {
    huaweiProjectId: clients.huaweiProjectId,
    tencent: () => {
      const inner = clients.tencent();
      return {
        call: (service, version, action, region, params, options) =>
          inner.call(service, version, action, region, params, { ...options, signal }),
      } as TencentCaller;
    },
    huawei: () => {
      const inner = clients.huawei();
      return { call: (request, options) => inner.call(request, { ...options, signal }) } as HuaweiCaller;
    },
  };
}

function isUncertain(error: unknown): boolean {
  // A throttled answer proves nothing happened; anything transient might have happened.
  return !(error instanceof CloudError) || error.errorClass === 'transient';
}

function isBusy(error: unknown): boolean {
  return error instanceof CloudError && error.errorClass === 'busy';
}

async function findByName(plan: BackupPolicyPlan, rp: ResourcePlan, name: string, clients: CloudClients) {
  const backups = await plan.target.listBackups(plan.policy, rp.resource.region, [rp.resource], clients);
  return (backups.get(rp.resource.id) ?? []).find((b: Backup) => b.name === name);
}

type CreateResult =
  | { kind: 'created'; backupId: string; requestId?: string }
  /** The create's answer was lost, and the backup turned out to exist: ours. */
  | { kind: 'recovered'; backupId: string }
  /** Refused as busy or conflicting because an overlapping run already made this slot's backup. */
  | { kind: 'concurrent'; backup: Backup };

/**
 * Create with bounded patience. After any refusal but an authentication one, the slot's backup is
 * looked up by name first: a lost answer may have created it, and an overlapping invocation of
 * the same policy (SCF can start them) may have made it while this one waited. Only then is the
 * create tried again (busy: after a back-off; unknown outcome: at once) or the failure reported.
 */
async function createBackup(
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
        existing = await findByName(plan, rp, name, state.clients);
      } catch {
        // Without the lookup, a retry could make a second backup of a create that did happen:
        // report the outcome as unknown instead. The next run finds the backup, or makes it.
        if (maybeOurs) throw Object.assign(error as Error, { outcomeUnknown: true });
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
      if (isBusy(error)) throw Object.assign(error as Error, { busyGaveUp: busy });
      throw error;
    }
  }
}

/** Makes the policy's other creates wait; the returned function lets them go. */
function openGate(state: PolicyState): () => void {
  let release = () => {};
  state.firstAnswer = new Promise<void>((resolve) => {
    release = resolve;
  });
  return release;
}

function stopPolicy(state: PolicyState, error: unknown, why: string) {
  if (state.stopped) return;
  state.stopped = { reason: why, error: reportedError(error) };
  state.abort.abort();
}

async function runResource(
  plan: BackupPolicyPlan,
  rp: ResourcePlan,
  out: TargetReport[],
  state: PolicyState,
  options: ExecuteOptions,
) {
  const base = { provider: plan.target.cloud, region: rp.resource.region, resourceId: rp.resource.id };
  if (rp.fail) {
    out.push({ ...base, action: 'create', outcome: 'failed', reason: rp.fail.reason, error: rp.fail.error });
    state.failed += 1;
    return;
  }
  if (rp.notListed) {
    // Even a dry run cannot say what it would do for a resource whose backups it never listed.
    out.push({ ...base, action: 'create', outcome: 'skipped', reason: NOT_STARTED_REASON });
    return;
  }
  const notReached = (action: 'create' | 'prune', extra: Partial<TargetReport>) =>
    out.push({
      ...base,
      action,
      outcome: 'skipped',
      ...extra,
      reason: state.stopped ? `not attempted: ${state.stopped.reason}` : NOT_STARTED_REASON,
    });
  const halted = () => state.stopped !== undefined || options.shouldStop();

  if (rp.skip) {
    out.push({
      ...base,
      action: 'skip',
      outcome: 'skipped',
      reason: rp.skip.reason,
      backupId: rp.skip.backup?.id,
      backupName: rp.skip.backup?.name,
    });
  } else if (rp.create) {
    const backupName = rp.create.name;
    if (!options.dryRun && state.firstAnswer) await state.firstAnswer;
    if (options.dryRun) {
      out.push({ ...base, action: 'create', outcome: 'planned', backupName });
    } else if (halted()) {
      notReached('create', { backupName });
      for (const backup of rp.prune) notReached('prune', { backupId: backup.id, backupName: backup.name });
      return;
    } else {
      try {
        const created = await createBackup(plan, rp, backupName, options, state);
        state.attempted += 1;
        if (created.kind === 'concurrent') {
          const reason = `slot backed up by an overlapping run: ${created.backup.name} (${created.backup.cloudState})`;
          out.push({
            ...base,
            action: 'skip',
            outcome: 'skipped',
            backupId: created.backup.id,
            backupName,
            reason,
          });
          return; // the overlapping run owns this slot's retention too
        }
        out.push({
          ...base,
          action: 'create',
          outcome: 'done',
          backupId: created.backupId,
          backupName,
          ...(created.kind === 'recovered'
            ? { reason: 'the answer was lost; found the backup by name' }
            : {}),
        });
        options.log.info('backup created', {
          policy: plan.policy.name,
          resourceId: rp.resource.id,
          backupId: created.backupId,
          cloudRequestId: created.kind === 'created' ? created.requestId : undefined,
        });
      } catch (error) {
        if (error instanceof CallAbortedError) {
          // Withdrawn before it was sent: the policy stopped while this create waited its turn.
          notReached('create', { backupName });
          for (const backup of rp.prune)
            notReached('prune', { backupId: backup.id, backupName: backup.name });
          return;
        }
        // Attempts are counted as they are answered, so calls still queued for their pacing turn
        // do not dilute the error budget's ratio.
        state.attempted += 1;
        state.failed += 1;
        const { busyGaveUp, outcomeUnknown } = error as { busyGaveUp?: number; outcomeUnknown?: boolean };
        out.push({
          ...base,
          action: 'create',
          outcome: 'failed',
          backupName,
          error: reportedError(error),
          reason: busyGaveUp
            ? `resource still busy after ${busyGaveUp + 1} attempts`
            : outcomeUnknown
              ? 'outcome unknown: the answer was lost and the backup could not be looked up; the next run finds it or makes it'
              : undefined,
        });
        options.log.warn('backup failed', {
          policy: plan.policy.name,
          resourceId: rp.resource.id,
          error: reportedError(error),
        });
        if (error instanceof CloudError && error.errorClass === 'auth')
          stopPolicy(state, error, `authentication failed (${error.code})`);
        const budget = options.errorBudget ?? 10;
        if (state.failed >= budget && state.failed * 2 >= state.attempted)
          stopPolicy(state, error, `error budget exhausted (${state.failed} of ${state.attempted} failed)`);
        // Never prune on a resource whose backup failed in this run.
        for (const backup of rp.prune) {
          out.push({
            ...base,
            action: 'prune',
            outcome: 'skipped',
            backupId: backup.id,
            backupName: backup.name,
            reason: 'not pruned: the backup of this run failed',
          });
        }
        return;
      }
    }
  }

  for (const backup of rp.prune) {
    const entry = { ...base, action: 'prune' as const, backupId: backup.id, backupName: backup.name };
    if (options.dryRun) out.push({ ...entry, outcome: 'planned' });
    else if (halted()) notReached('prune', entry);
    else {
      try {
        await plan.target.deleteBackup(plan.policy, rp.resource, backup, state.clients);
        out.push({ ...entry, outcome: 'done' });
      } catch (error) {
        if (error instanceof CallAbortedError) {
          notReached('prune', entry);
          continue;
        }
        state.failed += 1;
        out.push({ ...entry, outcome: 'failed', error: reportedError(error) });
        // A role that may create but not delete fails every prune the same way: stop at one.
        if (error instanceof CloudError && error.errorClass === 'auth') {
          stopPolicy(state, error, `authentication failed (${error.code})`);
        }
      }
    }
  }
}

export interface BackupPolicyExecution {
  /** Starts one resource's chain in the pool (as soon as it is planned). */
  start(resourcePlan: ResourcePlan): void;
  /** Every report entry, in the plan's resource order; complete once the pool has drained. */
  reports(): TargetReport[];
}

export function executeBackupPolicy(plan: BackupPolicyPlan, options: ExecuteOptions): BackupPolicyExecution {
  const abort = new AbortController();
  const state: PolicyState = {
    attempted: 0,
    failed: 0,
    abort,
    clients: withSignal(options.clients, abort.signal),
  };
  const outputs = new Map<ResourcePlan, TargetReport[]>();
  return {
    start(rp) {
      const out: TargetReport[] = [];
      outputs.set(rp, out);
      // One row for the create (or skip, or failure), one per prune; corrected when it ends.
      const expected = 1 + rp.prune.length;
      options.progress?.('planned', expected);
      options.pool.add(() =>
        runResource(plan, rp, out, state, options).finally(() => {
          if (out.length !== expected) options.progress?.('planned', out.length - expected);
          options.progress?.('finished', out.length);
        }),
      );
    },
    reports: () => plan.resources.flatMap((rp) => outputs.get(rp) ?? []),
  };
}
