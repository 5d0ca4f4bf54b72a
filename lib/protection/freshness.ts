/**
 * How old a resource's newest good backup may be before it is stale. By default the schedule
 * decides: the longest gap between two consecutive slots (a weekday-only schedule's weekend, a
 * month's longest stretch) plus the catch-up window, the latest a run may still take a slot.
 * A policy's `freshness: 26h` overrides it.
 */
import type { BackupPolicy } from '../policy/schema';
import { parseCron } from '../schedule/cron';
import { nextSlot } from '../schedule/slots';

/** A year each way covers every calendar gap (months, leap days, DST); the count caps a per-minute cron. */
const WINDOW_MS = 366 * 86_400_000;
const MAX_SLOTS = 1_500;

/** The longest gap between consecutive slots within a year of `now`; undefined for fewer than two slots. */
export function longestGapMs(schedule: string, timeZone: string, now: Date): number | undefined {
  const cron = parseCron(schedule);
  const end = now.getTime() + WINDOW_MS;
  let previous = nextSlot(cron, new Date(now.getTime() - WINDOW_MS), timeZone);
  let longest: number | undefined;
  for (let i = 0; previous && previous.getTime() < end && i < MAX_SLOTS; i += 1) {
    const next = nextSlot(cron, previous, timeZone);
    if (!next) break;
    const gap = next.getTime() - previous.getTime();
    if (longest === undefined || gap > longest) longest = gap;
    previous = next;
  }
  return longest;
}

export type FreshnessPolicy = Pick<BackupPolicy, 'schedule' | 'timezone' | 'catchUpMs'> & {
  freshness?: number;
};

/** The policy's freshness bound in milliseconds. A schedule with a single slot only has its catch-up. */
export function freshnessBoundMs(policy: FreshnessPolicy, now: Date): number {
  if (policy.freshness !== undefined) return policy.freshness;
  return (longestGapMs(policy.schedule, policy.timezone, now) ?? 0) + policy.catchUpMs;
}
