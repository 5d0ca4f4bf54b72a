/**
 * `scf-backup status`: every selected policy judged from listing calls only — the engine's own
 * planning in check-only mode (nothing is created, pruned or ensured), paced like any run.
 */
import type { ReportedError } from '../engine/types';
import { isoSeconds } from '../engine/naming';
import { planPolicy, type PolicyPlan } from '../engine/plan';
import type { BackupPolicy, ProtectionSettings } from '../policy/schema';
import type { LastGood, SlotState, Verdict } from '../protection/verdict';
import { parseCron } from '../schedule/cron';
import { latestSlot, nextSlot } from '../schedule/slots';
import { TARGETS } from '../targets/registry';
import type { CloudClients } from '../targets/types';

/** Columns of the HTML grid: the policy's last slots, oldest first. */
export const GRID_SLOTS = 14;

export interface StatusResource {
  resourceId: string;
  region: string;
  verdict: Verdict;
  lastGood: LastGood | null;
  kept: number;
  /** Extensions: what a TKE repository's check found, a slot state per grid column. */
  state?: string;
  cells?: Array<SlotState | 'missing'>;
  /** Extension: where the kind's follow-up stands (copies to other regions, one per destination). */
  copies?: StatusCopy[];
}

/** A follow-up's newest item in another region, as a dry run of the follow-up reports it. */
export interface StatusCopy {
  region: string;
  backupName?: string;
  backupId?: string;
  /** `present`, `planned` (would be made now), `waiting`, or `failed` (could not be listed). */
  outcome: string;
  reason?: string;
}

export interface StatusPolicy {
  name: string;
  kind: string;
  freshnessSeconds: number;
  resources: StatusResource[];
  /** Extensions: the grid's slots (ISO), the next slot, a failure to check the policy at all. */
  slots: string[];
  nextSlot: string | null;
  error?: ReportedError;
}

export type StatusTotals = Record<
  'fresh' | 'stale' | 'never' | 'failed' | 'creating' | 'present' | 'missing',
  number
>;

export interface StatusReport {
  generatedAt: string;
  policies: StatusPolicy[];
  totals: StatusTotals;
}

/** The schedule's last `count` slots at or before now, oldest first. */
export function recentSlots(policy: BackupPolicy, now: Date, count: number): Date[] {
  const cron = parseCron(policy.schedule);
  const slots: Date[] = [];
  let at: Date | undefined = now;
  while (at && slots.length < count) {
    const slot = latestSlot(cron, at, policy.timezone);
    if (!slot) break;
    slots.unshift(slot);
    at = new Date(slot.getTime() - 1000);
  }
  return slots;
}

function statusOf(plan: PolicyPlan, now: Date): StatusPolicy {
  const { policy } = plan;
  const slots = recentSlots(policy, now, GRID_SLOTS);
  const next = nextSlot(parseCron(policy.schedule), now, policy.timezone);
  const resources: StatusResource[] =
    plan.mode === 'ensure'
      ? plan.checks.map((c) => ({
          resourceId: c.resourceId,
          region: c.region,
          verdict: c.decision === 'present' || c.decision === 'drift' ? 'present' : 'missing',
          lastGood: null,
          kept: 0,
          ...(c.reason ? { state: c.reason } : {}),
        }))
      : plan.resources.flatMap((rp) => {
          const p = rp.protection;
          if (!p) return [];
          const cells = slots.map((s) => p.bySlot.get(s.getTime()) ?? 'missing');
          return [
            {
              resourceId: rp.resource.id,
              region: rp.resource.region,
              verdict: p.verdict,
              lastGood: p.lastGood,
              kept: p.kept,
              cells,
            },
          ];
        });
  return {
    name: policy.name,
    kind: policy.kind,
    freshnessSeconds: Math.round((plan.freshnessMs ?? 0) / 1000),
    resources,
    slots: slots.map(isoSeconds),
    nextSlot: next ? isoSeconds(next) : null,
    ...(plan.error ? { error: plan.error } : {}),
  };
}

/**
 * A kind with a follow-up (copies to other regions) is asked, as a dry run, where each resource's
 * follow-up stands: listing calls only, like the rest of status.
 */
async function addFollowUps(
  plan: PolicyPlan,
  status: StatusPolicy,
  options: { clients: CloudClients; now: Date },
): Promise<void> {
  if (plan.mode !== 'backup' || !plan.target.followUp) return;
  const followUp = plan.target.followUp.bind(plan.target);
  const byId = new Map(status.resources.map((r) => [r.resourceId, r]));
  for (const rp of plan.resources) {
    const resource = byId.get(rp.resource.id);
    if (!resource || rp.fail || rp.notListed) continue;
    const rows = await followUp(plan.policy, rp.resource, options.clients, {
      dryRun: true,
      now: options.now,
    });
    resource.copies = rows
      .filter((row) => row.action === 'create')
      .map((row) => ({
        region: row.region,
        ...(row.backupName ? { backupName: row.backupName } : {}),
        ...(row.backupId ? { backupId: row.backupId } : {}),
        outcome:
          row.outcome === 'skipped'
            ? row.backupId
              ? 'present'
              : 'waiting'
            : row.outcome === 'planned'
              ? 'planned'
              : 'failed',
        ...(row.reason ? { reason: row.reason } : {}),
      }));
  }
}

export async function collectStatus(options: {
  policies: BackupPolicy[];
  settings: ProtectionSettings;
  clients: CloudClients;
  now: Date;
}): Promise<StatusReport> {
  const plans = await Promise.all(
    options.policies.map((policy) =>
      planPolicy(policy, {
        clients: options.clients,
        registry: TARGETS,
        now: options.now,
        force: false,
        protection: { settings: options.settings, checkOnly: true },
      }),
    ),
  );
  const policies = plans.map((plan) => statusOf(plan, options.now));
  await Promise.all(plans.map((plan, i) => addFollowUps(plan, policies[i]!, options)));
  const totals: StatusTotals = {
    fresh: 0,
    stale: 0,
    never: 0,
    failed: 0,
    creating: 0,
    present: 0,
    missing: 0,
  };
  for (const policy of policies) for (const r of policy.resources) totals[r.verdict] += 1;
  return { generatedAt: isoSeconds(options.now), policies, totals };
}
