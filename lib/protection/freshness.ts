/**
 * How old a resource's newest good backup may be before it is stale. By default the schedule
 * decides: the longest gap between two consecutive slots (a weekday-only schedule's weekend, a
 * month's longest stretch) plus the catch-up window, the latest a run may still take a slot.
 * A policy's `freshness: 26h` overrides it.
 */
import type { BackupPolicy } from '../policy/schema';
import { findNext, fromWall, toWall } from '../schedule/calendar';
import { parseCron } from '../schedule/cron';
import { offsetAt, wallAt } from '../schedule/zoned-time';

/**
 * A year covers every calendar gap. The cap keeps dense schedules cheap: 2,000 slots are 83 days
 * of an hourly schedule (every weekly and monthly pattern) but only 33 hours of a per-minute one,
 * so a per-minute schedule that pauses for a weekend should set `freshness` itself.
 */
const WINDOW_SECONDS = 366 * 86_400;
const MAX_SLOTS = 2_000;
/** Per schedule, zone and day: a warm container computes each policy's gaps once a day. */
const cache = new Map<string, number | undefined>();

/**
 * The longest gap between consecutive slots in the year before `now`, in wall-clock time (the
 * calendar walk is cheap; time-zone conversions are not), widened by the zone's DST shift, so a
 * gap across a clock change is never underestimated. Undefined for fewer than two slots.
 */
export function longestGapMs(schedule: string, timeZone: string, now: Date): number | undefined {
  const key = `${schedule}|${timeZone}|${now.toISOString().slice(0, 10)}`;
  if (!cache.has(key)) {
    if (cache.size > 1_000) cache.clear();
    cache.set(key, computeLongestGapMs(schedule, timeZone, now));
  }
  return cache.get(key);
}

function computeLongestGapMs(schedule: string, timeZone: string, now: Date): number | undefined {
  const cron = parseCron(schedule);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const end = wallAt(nowSeconds, timeZone);
  let previous = findNext(cron, toWall(end - WINDOW_SECONDS), toWall(end).year);
  let longest: number | undefined;
  for (let i = 0; previous && i < MAX_SLOTS; i += 1) {
    const from = fromWall(previous);
    if (from > end) break;
    const next = findNext(cron, toWall(from + 1), previous.year + 1);
    if (!next) break;
    const gap = fromWall(next) - from;
    if (longest === undefined || gap > longest) longest = gap;
    previous = next;
  }
  if (longest === undefined) return undefined;
  const year = new Date(now).getUTCFullYear();
  const dstShift = Math.abs(
    offsetAt(Date.UTC(year, 0, 1) / 1000, timeZone) - offsetAt(Date.UTC(year, 6, 1) / 1000, timeZone),
  );
  return (longest + dstShift) * 1000;
}

export type FreshnessPolicy = Pick<BackupPolicy, 'schedule' | 'timezone' | 'catchUpMs'> & {
  freshness?: number;
};

/** The policy's freshness bound in milliseconds. A schedule with a single slot only has its catch-up. */
export function freshnessBoundMs(policy: FreshnessPolicy, now: Date): number {
  if (policy.freshness !== undefined) return policy.freshness;
  return (longestGapMs(policy.schedule, policy.timezone, now) ?? 0) + policy.catchUpMs;
}
