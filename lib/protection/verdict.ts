/**
 * A resource's protection, from the backups its listing returned (no extra calls): its newest
 * good backup of ours, how old that is against the freshness bound, and what became of the
 * newest slot it has a backup of ours for. Slots come from our backup names, so ages are the
 * same whatever format each cloud writes its times in.
 */
import { isOwnedBy, isoSeconds, parseBackupName } from '../engine/naming';
import type { Backup } from '../targets/types';

export const VERDICTS = ['fresh', 'stale', 'never', 'failed', 'creating', 'present', 'missing'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** The verdicts that make `status` exit 1 and that a person must act on. */
export const UNPROTECTED: ReadonlySet<Verdict> = new Set(['stale', 'never', 'failed', 'missing']);

export interface LastGood {
  backupId: string;
  backupName: string;
  /** ISO-8601 UTC, whole seconds. */
  slot: string;
  ageSeconds: number;
}

export interface ResourceProtection {
  verdict: Verdict;
  lastGood: LastGood | null;
  /** Good backups of ours the resource keeps. */
  kept: number;
  /** The newest slot the resource has a backup of ours for, good or not. */
  latestSlot?: Date;
  /** That slot's attempts, when every one of them failed. */
  failed: Backup[];
  /** That slot's backup still in progress, and whether longer than the kind allows. */
  creating?: { backup: Backup; stuck: boolean };
  /** Each slot of ours (epoch ms) and the best state any of its attempts reached: the status grid's cells. */
  bySlot: Map<number, SlotState>;
}

export type SlotState = 'available' | 'creating' | 'failed' | 'other';
const RANK: Record<SlotState, number> = { available: 3, creating: 2, other: 1, failed: 0 };

interface Ours {
  backup: Backup;
  slot: Date;
  attempt: number;
}

function ours(policyName: string, resourceId: string, backups: readonly Backup[]): Ours[] {
  const found: Ours[] = [];
  for (const backup of backups) {
    if (!isOwnedBy(backup.name, policyName, resourceId)) continue;
    const parsed = parseBackupName(backup.name);
    if (parsed) found.push({ backup, slot: parsed.slot, attempt: parsed.attempt });
  }
  // Newest slot first, then the highest attempt.
  return found.sort((a, b) => b.slot.getTime() - a.slot.getTime() || b.attempt - a.attempt);
}

export interface VerdictInput {
  policyName: string;
  resourceId: string;
  backups: readonly Backup[];
  now: Date;
  freshnessMs: number;
  /** How long the kind's backups may stay in progress before they count as stuck. */
  stuckAfterMs: number;
}

export function protectionOf(input: VerdictInput): ResourceProtection {
  const mine = ours(input.policyName, input.resourceId, input.backups);
  const good = mine.filter((o) => o.backup.state === 'available');
  const newest = good[0];
  const lastGood: LastGood | null = newest
    ? {
        backupId: newest.backup.id,
        backupName: newest.backup.name,
        slot: isoSeconds(newest.slot),
        ageSeconds: Math.max(0, Math.floor((input.now.getTime() - newest.slot.getTime()) / 1000)),
      }
    : null;
  const latestSlot = mine[0]?.slot;
  const ofLatest = latestSlot ? mine.filter((o) => o.slot.getTime() === latestSlot.getTime()) : [];
  const bySlot = new Map<number, SlotState>();
  for (const o of mine) {
    const seen = bySlot.get(o.slot.getTime());
    if (seen === undefined || RANK[o.backup.state] > RANK[seen]) bySlot.set(o.slot.getTime(), o.backup.state);
  }
  const result: ResourceProtection = {
    verdict: 'never',
    lastGood,
    kept: good.length,
    latestSlot,
    failed: [],
    bySlot,
  };
  const latestGood = ofLatest.some((o) => o.backup.state === 'available');
  const inProgress = ofLatest.find((o) => o.backup.state === 'creating');
  if (!latestGood && inProgress) {
    const ageMs = input.now.getTime() - inProgress.slot.getTime();
    result.creating = { backup: inProgress.backup, stuck: ageMs > input.stuckAfterMs };
    result.verdict = 'creating';
  } else if (!latestGood && ofLatest.length > 0 && ofLatest.every((o) => o.backup.state === 'failed')) {
    result.failed = ofLatest.map((o) => o.backup);
    result.verdict = 'failed';
  } else if (lastGood) {
    result.verdict = lastGood.ageSeconds * 1000 <= input.freshnessMs ? 'fresh' : 'stale';
  }
  return result;
}
