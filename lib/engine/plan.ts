/**
 * Plan: for each due policy, discover its resources, list their backups and decide — create
 * (slot not yet backed up), skip (already done, with the reason), prune (expired, ours only).
 * Planning calls only read APIs, so a dry run is exactly this, reported.
 */
import { durationInWords } from '../schedule/duration-words';
import type { BackupPolicy, ProtectionSettings } from '../policy/schema';
import {
  applyExclusions,
  checksEachRegion,
  NOTHING_SELECTED,
  nothingSelectedMessage,
  unmatchedExclusionWarnings,
} from '../protection/selection';
import { parseCron } from '../schedule/cron';
import { dueSlot } from '../schedule/slots';
import type {
  BackupTarget,
  CloudClients,
  EnsureCheck,
  EnsureTarget,
  Registry,
  Target,
} from '../targets/types';
import { chunk } from '../targets/select';
import { reportedError } from './errors';
import { isoSeconds } from './naming';
import { NO_BACKUPS, planResource, type BackupMakingPolicy, type ResourcePlan } from './plan-resource';
import { forEachConcurrent } from './pool';
import { protect, protectionCheck } from './protect';
import type { ReportedError } from './types';

export { slotBackup, type ResourcePlan } from './plan-resource';

const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

interface PolicyPlanBase {
  policy: BackupPolicy;
  /** The slot this run backs up; absent when the policy is not due. */
  slot?: Date;
  /** The slot is a run-now's own minute (force with nothing due). */
  onDemand?: true;
  /** Why nothing is done (not due), or why the policy failed as a whole. */
  reason?: string;
  error?: ReportedError;
  /** The freshness bound the resources were judged by, when they were. */
  freshnessMs?: number;
  /** Not failures, but worth a look: an exclusion that matches nothing. */
  warnings?: string[];
}

export interface BackupPolicyPlan extends PolicyPlanBase {
  mode: 'backup';
  target: BackupTarget;
  resources: ResourcePlan[];
}

export interface EnsurePolicyPlan extends PolicyPlanBase {
  mode: 'ensure';
  target: EnsureTarget;
  checks: EnsureCheck[];
}

export type PolicyPlan = BackupPolicyPlan | EnsurePolicyPlan;

export interface PlanContext {
  clients: CloudClients;
  /** The kinds' targets, by name: lib/targets/registry.ts's TARGETS, or a test's fake. */
  registry: Registry;
  now: Date;
  force: boolean;
  /**
   * Told of each resource's plan the moment its backups are listed, so execution starts while
   * the rest is still being listed: listing and creating use different APIs, each with its own
   * quota, and both stay busy.
   */
  onPlanned?: (plan: BackupPolicyPlan, resourcePlan: ResourcePlan) => void;
  /** True once the run should start no new work: listing stops too, not only execution. */
  shouldStop?: () => boolean;
  /**
   * Judge each resource's protection. `checkAll`: list the policies that are not due too (every
   * timer run); `checkOnly`: plan nothing, only judge (`scf-backup status`).
   */
  protection?: { settings: ProtectionSettings; checkAll?: boolean; checkOnly?: boolean };
}

/** Listing calls in flight per policy; the throttle sets their pace, this only overlaps them. */
const LISTING_CONCURRENCY = 4;

/** An on-demand slot is a whole minute: a second run-now in the same minute finds its backup. */
const ON_DEMAND_SLOT_MS = 60_000;

export interface SlotChoice {
  slot?: Date;
  /** The slot is a run-now's own (force with nothing due), not one of the schedule's. */
  onDemand?: true;
  reason?: string;
}

/**
 * The latest slot due now. With `force` (run now) and nothing due, an on-demand slot at the
 * current minute: the backup's name then says when its data was taken, a second run-now in the
 * same minute finds it (no duplicate), and retention ranks it by that time like any other.
 */
export function slotFor(policy: BackupPolicy, now: Date, force: boolean): SlotChoice {
  const due = dueSlot(parseCron(policy.schedule), now, policy.timezone, policy.catchUpMs);
  if (due?.due) return { slot: due.slot };
  if (force) {
    return {
      slot: new Date(Math.floor(now.getTime() / ON_DEMAND_SLOT_MS) * ON_DEMAND_SLOT_MS),
      onDemand: true,
    };
  }
  if (!due) return { reason: `not due: schedule '${policy.schedule}' has no slot before ${isoSeconds(now)}` };
  return {
    reason:
      `not due: latest slot ${isoSeconds(due.slot)} is ${durationInWords(due.lateByMs)} old, ` +
      `outside the ${durationInWords(policy.catchUpMs)} catch-up window`,
  };
}

/** Without a slot, only the protection is judged: nothing is created or pruned. */
async function planBackupPolicy(
  plan: BackupPolicyPlan,
  slot: Date | undefined,
  context: PlanContext,
): Promise<void> {
  const policy = plan.policy as BackupMakingPolicy;
  const found = new Set<string>();
  const byId = policy.select.ids.length > 0;
  const planned = (rp: ResourcePlan) => context.onPlanned?.(plan, rp);
  const check =
    context.protection && protectionCheck(policy, plan.target, context.protection.settings, context.now);
  if (check) plan.freshnessMs = check.freshnessMs;
  // Exclusions are applied here, so one that matches nothing can be reported.
  const unexcluded = { ...policy, select: { ...policy.select, exclude: [] } };
  const excludedFound = new Set<string>();
  const emptyRegions: string[] = [];
  for (const region of policy.regions) {
    const discovered = applyExclusions(
      await plan.target.discover(unexcluded, region, context.clients),
      policy.select.exclude,
      excludedFound,
    );
    // Named by id but not backup-able (a CDB read-only instance): reported with the reason, when due.
    for (const { refusal, ...resource } of slot ? discovered.filter((r) => r.refusal) : []) {
      found.add(resource.id);
      const rp: ResourcePlan = {
        resource: { ...resource, tags: NO_TAGS },
        prune: NO_BACKUPS,
        fail: {
          reason: refusal?.reason ?? '',
          error: { code: refusal?.code ?? '', message: refusal?.reason ?? '' },
        },
      };
      plan.resources.push(rp);
      planned(rp);
    }
    const resources = discovered.filter((r) => !r.refusal);
    if (resources.length === 0 && !discovered.some((r) => r.refusal)) emptyRegions.push(region);
    // Plans keep discovery order whatever order the listings finish in.
    const inOrder: ResourcePlan[] = new Array(resources.length);
    const batches = chunk(
      resources.map((resource, index) => ({ resource, index })),
      plan.target.listBatchSize,
    );
    try {
      await forEachConcurrent(batches, LISTING_CONCURRENCY, async (batch) => {
        if (context.shouldStop?.()) {
          for (const { resource, index } of batch) {
            const rp: ResourcePlan = {
              resource: { ...resource, tags: NO_TAGS },
              prune: NO_BACKUPS,
              notListed: true,
            };
            inOrder[index] = rp;
            planned(rp);
          }
          return;
        }
        const listed = batch.map((b) => b.resource);
        const backups = await plan.target.listBackups(policy, region, listed, context.clients);
        for (const { resource: discovered, index } of batch) {
          // Tags and names have done their work (selection); a plan of 100,000 disks keeps only ids.
          const { id, region: where, backupQuota } = discovered;
          const resource = { id, region: where, tags: NO_TAGS, ...(backupQuota ? { backupQuota } : {}) };
          const listed = backups.get(id) ?? NO_BACKUPS;
          const rp: ResourcePlan = slot
            ? planResource(policy, slot, resource, listed, context.now, plan.target.nameRule)
            : { resource, prune: NO_BACKUPS, checkOnly: true };
          if (check) protect(check, rp, resource, listed, slot);
          inOrder[index] = rp;
          planned(rp);
        }
      });
    } finally {
      // Even when a listing failed, what was planned (and may be executing) is reported.
      for (const rp of inOrder) {
        if (!rp) continue;
        if (byId) found.add(rp.resource.id);
        plan.resources.push(rp);
      }
    }
  }
  const warnings = unmatchedExclusionWarnings(policy.select.exclude, excludedFound);
  if (warnings.length > 0) plan.warnings = warnings;
  if (!slot) return;
  // A selection that matches nothing is a failure: a typo'd tag must not look like success.
  const allEmpty = emptyRegions.length === policy.regions.length;
  const empty = checksEachRegion(policy.select) || allEmpty ? emptyRegions : [];
  if (empty.length > 0 && !policy.allowEmpty) {
    const message = nothingSelectedMessage(policy.select, empty);
    plan.error = { code: NOTHING_SELECTED, message };
    plan.reason = `${NOTHING_SELECTED}: ${message}`;
  }
  // An id the policy names that no region has is a failure, never a silent skip.
  const excluded = new Set(policy.select.exclude);
  for (const id of policy.select.all ? [] : policy.select.ids) {
    if (found.has(id) || excluded.has(id)) continue;
    const regions = policy.regions.join(',');
    const rp: ResourcePlan = {
      resource: { id, region: regions, tags: {} },
      prune: NO_BACKUPS,
      fail: {
        reason: `selected by id but not found in ${regions}${Object.keys(policy.select.tags).length > 0 ? ' with the selected tags' : ''}`,
        error: { code: 'ResourceNotFound', message: `${id} not found in ${regions}` },
      },
    };
    plan.resources.push(rp);
    planned(rp);
  }
}

function targetOf(policy: BackupPolicy, registry: Registry): Target {
  const target = registry[policy.kind];
  if (!target) {
    throw new Error(`unknown kind '${policy.kind}'; valid kinds: ${Object.keys(registry).join(', ')}`);
  }
  return target;
}

export async function planPolicy(policy: BackupPolicy, context: PlanContext): Promise<PolicyPlan> {
  const target = targetOf(policy, context.registry);
  const checkOnly = context.protection?.checkOnly === true;
  const { slot, onDemand, reason }: SlotChoice = checkOnly ? {} : slotFor(policy, context.now, context.force);
  const plan: PolicyPlan =
    target.mode === 'backup'
      ? { mode: 'backup', policy, target, slot, onDemand, reason, resources: [] }
      : { mode: 'ensure', policy, target, slot, onDemand, reason, checks: [] };
  const checkAnyway = checkOnly || context.protection?.checkAll === true;
  if (!slot && !checkAnyway) return plan;
  try {
    if (plan.mode === 'backup') await planBackupPolicy(plan, slot, context);
    else if (slot || checkOnly) plan.checks = await plan.target.check(policy, context.clients);
  } catch (error) {
    plan.error = reportedError(error);
    plan.reason = `planning failed: ${plan.error.code}: ${plan.error.message}`;
  }
  return plan;
}
