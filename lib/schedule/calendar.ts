import { dayMatches, type CronSchedule } from './cron';

/**
 * Finds matching wall times (see zoned-time.ts) field by field — year, month, day, then the
 * time of day — instead of stepping second by second, so even a schedule that fires once in
 * four years is found with a few thousand cheap date checks at worst.
 */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function toWall(seconds: number): Wall {
  const d = new Date(seconds * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

export function fromWall(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) / 1000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The latest matching wall time ≤ `bound`, not looking before `floorYear`. */
export function findPrev(s: CronSchedule, bound: Wall, floorYear: number): Wall | undefined {
  for (let yi = s.year.length - 1; yi >= 0; yi--) {
    const year = s.year[yi]!;
    if (year > bound.year) continue;
    if (year < floorYear) return undefined;
    for (let mi = s.month.length - 1; mi >= 0; mi--) {
      const month = s.month[mi]!;
      const sameMonth = year === bound.year && month === bound.month;
      if (year === bound.year && month > bound.month) continue;
      for (let day = sameMonth ? bound.day : daysInMonth(year, month); day >= 1; day--) {
        if (!dayMatches(s, year, month, day)) continue;
        const time = prevTime(s, sameMonth && day === bound.day ? bound : undefined);
        if (time) return { year, month, day, ...time };
      }
    }
  }
  return undefined;
}

/** The earliest matching wall time ≥ `bound`, not looking past `ceilYear`. */
export function findNext(s: CronSchedule, bound: Wall, ceilYear: number): Wall | undefined {
  for (const year of s.year) {
    if (year < bound.year) continue;
    if (year > ceilYear) return undefined;
    for (const month of s.month) {
      const sameMonth = year === bound.year && month === bound.month;
      if (year === bound.year && month < bound.month) continue;
      const last = daysInMonth(year, month);
      for (let day = sameMonth ? bound.day : 1; day <= last; day++) {
        if (!dayMatches(s, year, month, day)) continue;
        const time = nextTime(s, sameMonth && day === bound.day ? bound : undefined);
        if (time) return { year, month, day, ...time };
      }
    }
  }
  return undefined;
}

type Time = Pick<Wall, 'hour' | 'minute' | 'second'>;

/** Latest time of day ≤ bound (any time of day when there is no bound). */
function prevTime(s: CronSchedule, bound: Time | undefined): Time | undefined {
  for (let hi = s.hour.length - 1; hi >= 0; hi--) {
    const hour = s.hour[hi]!;
    if (bound && hour > bound.hour) continue;
    for (let mi = s.minute.length - 1; mi >= 0; mi--) {
      const minute = s.minute[mi]!;
      const tight = bound && hour === bound.hour;
      if (tight && minute > bound.minute) continue;
      const limit = tight && minute === bound.minute ? bound.second : 59;
      const second = lastAtMost(s.second, limit);
      if (second !== undefined) return { hour, minute, second };
    }
  }
  return undefined;
}

/** Earliest time of day ≥ bound (any time of day when there is no bound). */
function nextTime(s: CronSchedule, bound: Time | undefined): Time | undefined {
  for (const hour of s.hour) {
    if (bound && hour < bound.hour) continue;
    for (const minute of s.minute) {
      const tight = bound && hour === bound.hour;
      if (tight && minute < bound.minute) continue;
      const limit = tight && minute === bound.minute ? bound.second : 0;
      const second = s.second.find((v) => v >= limit);
      if (second !== undefined) return { hour, minute, second };
    }
  }
  return undefined;
}

function lastAtMost(values: readonly number[], limit: number): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) if (values[i]! <= limit) return values[i];
  return undefined;
}
