import { TimeZoneError } from './errors';

/**
 * Wall-clock time in an IANA zone, from Intl alone (no time-zone library in the bundles).
 *
 * A "wall" value is the local date and time written as seconds since 1970-01-01T00:00:00 *as
 * if that local time were UTC*; calendar arithmetic on it is plain UTC arithmetic. An instant is
 * ordinary epoch seconds. Converting wall → instant is where DST needs a rule, and ours is:
 * - a wall time that occurs twice (autumn overlap) means the earlier instant;
 * - a wall time that never occurs (spring gap) means the instant the gap ends, so 02:30 on the
 *   day New York skips 02:00–03:00 still happens once, at 03:00 EDT.
 * With that rule wall → instant never goes backwards, which is what the slot search relies on.
 */
const DAY_S = 86_400;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (error) {
      throw new TimeZoneError(timeZone, { cause: error });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The canonical IANA name Intl knows the zone by, or undefined when it is not a zone. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  // Offset strings such as `+08:00` are accepted by newer Intl but are not IANA zones.
  if (!/^[A-Za-z]/.test(timeZone)) return undefined;
  try {
    return formatter(timeZone).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Local wall seconds at an instant (epoch seconds). */
export function wallAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant * 1000)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  // Some ICU versions print midnight as 24 even with h23.
  return Date.UTC(year, month - 1, day, hour % 24, minute, second) / 1000;
}

/** The zone's UTC offset at an instant, in seconds (east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  return wallAt(instant, timeZone) - instant;
}

/** Wall seconds → instant, by the overlap/gap rule above. */
export function instantOf(wall: number, timeZone: string): number {
  // No zone changes its offset more than once a day, so the offsets a day either side and at
  // the wall time itself (read as UTC, at most ±14 h away) cover every candidate.
  const offsets = new Set([DAY_S, 0, -DAY_S].map((d) => offsetAt(wall + d, timeZone)));
  const candidates = [...offsets].map((o) => wall - o);
  const valid = candidates.filter((i) => wallAt(i, timeZone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the first instant whose wall time is past `wall` is where the gap ends.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(mid, timeZone) > wall) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The latest wall time whose instant is at or before `instant`. Usually just the wall time at
 * `instant`; after an autumn overlap began, wall times up to an hour later already happened
 * (their earlier instant is past), and the search must start from there.
 */
export function wallBoundary(instant: number, timeZone: string): number {
  const wall = wallAt(instant, timeZone);
  const hiOffset = Math.max(offsetAt(instant - DAY_S - 7_200, timeZone), wall - instant);
  let lo = wall;
  let hi = instant + hiOffset;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (instantOf(mid, timeZone) <= instant) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
