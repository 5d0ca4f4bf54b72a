import { findNext, findPrev, fromWall, toWall } from './calendar';
import { parseCron, type CronSchedule } from './cron';
import { ScheduleError } from './errors';
import { instantOf, wallBoundary } from './zoned-time';

/**
 * Schedule slots: the instants a policy's cron expression names, in the policy's time zone. A
 * run backs up the latest slot at or before `now` if it is within the catch-up window; the slot
 * goes into the backup's name (slotId), which is what makes every run idempotent.
 */

/** How far latestSlot looks back and nextSlot looks ahead before answering "none". */
export const SLOT_SEARCH_YEARS = 10;

export interface DueSlot {
  /** The latest slot at or before now. */
  slot: Date;
  /** now − slot ≤ catch-up window (inclusive: a run exactly at the edge still backs up). */
  due: boolean;
  /** now − slot, in milliseconds (0 when the run is exactly on time). */
  lateByMs: number;
}

type ScheduleInput = CronSchedule | string;

function schedule(input: ScheduleInput): CronSchedule {
  return typeof input === 'string' ? parseCron(input) : input;
}

function epochSeconds(date: Date, what: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new ScheduleError(`${what} is not a valid date`);
  return Math.floor(ms / 1000);
}

/** The latest instant ≤ now that matches the expression in `timeZone`, if any in the past 10 years. */
export function latestSlot(input: ScheduleInput, now: Date, timeZone: string): Date | undefined {
  const cron = schedule(input);
  const bound = toWall(wallBoundary(epochSeconds(now, 'now'), timeZone));
  const wall = findPrev(cron, bound, bound.year - SLOT_SEARCH_YEARS);
  return wall && new Date(instantOf(fromWall(wall), timeZone) * 1000);
}

/** The earliest instant > after that matches the expression in `timeZone`, if any in the next 10 years. */
export function nextSlot(input: ScheduleInput, after: Date, timeZone: string): Date | undefined {
  const cron = schedule(input);
  // Every wall time past the boundary lies after `after` (wall → instant never goes backwards).
  const bound = toWall(wallBoundary(epochSeconds(after, 'after'), timeZone) + 1);
  const wall = findNext(cron, bound, bound.year + SLOT_SEARCH_YEARS);
  return wall && new Date(instantOf(fromWall(wall), timeZone) * 1000);
}

/** The latest slot and whether it is still due: undefined when the schedule never fired. */
export function dueSlot(
  input: ScheduleInput,
  now: Date,
  timeZone: string,
  catchUpMs: number,
): DueSlot | undefined {
  const slot = latestSlot(input, now, timeZone);
  if (!slot) return undefined;
  const lateByMs = now.getTime() - slot.getTime();
  return { slot, due: lateByMs <= catchUpMs, lateByMs };
}

const SLOT_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** `YYYYMMDDTHHMMSSZ` in UTC (16 characters): short enough for every backup-name limit. */
export function slotId(slot: Date): string {
  epochSeconds(slot, 'slot');
  return slot
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** The slot a slotId names, or undefined when the text is not one (e.g. someone else's backup). */
export function parseSlotId(id: string): Date | undefined {
  const m = SLOT_ID.exec(id);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, ...number[]];
  const date = new Date(Date.UTC(year, month! - 1, day, hour, minute, second));
  // Date.UTC rolls 2026-02-30 over to March; a real slot id survives the round trip.
  return slotId(date) === id ? date : undefined;
}
