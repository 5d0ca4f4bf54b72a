/**
 * What a run alerts about protection, each thing once, with no stored state: "once" is derived
 * from time. The timer fires every `timerPeriodMs`, so a condition that began at instant T is
 * alerted by the one run whose `now` falls in (T, T + period]. A failed attempt is also alerted
 * by the run that makes the resource's next backup (after which that backup is the latest).
 */
import { wallAt } from '../schedule/zoned-time';
import type { ResourceProtection } from './verdict';

export type NoticeKind = 'failed' | 'stuck' | 'stale' | 'digest';

export interface ProtectionNotice {
  kind: NoticeKind;
  resourceId: string;
  region: string;
  message: string;
}

export interface NoticeContext {
  now: Date;
  freshnessMs: number;
  catchUpMs: number;
  stuckAfterMs: number;
  timerPeriodMs: number;
  /** This run makes a new backup of the resource: another attempt at the failed slot, or the next slot. */
  making?: 'retry' | 'next';
  /** This run is the day's digest run (isDigestRun). */
  digest: boolean;
}

/** True when `now` is the first run at or after `beganMs`: now − began ∈ (0, period]. */
function firstRunAfter(beganMs: number, context: NoticeContext): boolean {
  const sinceMs = context.now.getTime() - beganMs;
  return sinceMs > 0 && sinceMs <= context.timerPeriodMs;
}

/** The run within `timerPeriodMs` after `digestHour`:00 in the policy's time zone. */
export function isDigestRun(now: Date, timeZone: string, digestHour: number, timerPeriodMs: number): boolean {
  const wallSeconds = wallAt(Math.floor(now.getTime() / 1000), timeZone);
  const sinceDigestSeconds = (((wallSeconds - digestHour * 3600) % 86_400) + 86_400) % 86_400;
  return sinceDigestSeconds * 1000 < timerPeriodMs;
}

export function age(seconds: number): string {
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

function lastGoodText(p: ResourceProtection): string {
  return p.lastGood
    ? `last good backup ${p.lastGood.backupName} of ${p.lastGood.slot}, ${age(p.lastGood.ageSeconds)} old`
    : 'no good backup of ours at all';
}

/** The notice this resource raises in this run, if any (the most urgent one). */
export function noticeOf(
  resource: { id: string; region: string },
  p: ResourceProtection,
  context: NoticeContext,
): ProtectionNotice | undefined {
  const base = { resourceId: resource.id, region: resource.region };
  const slot = p.latestSlot?.getTime();
  if (p.verdict === 'failed' && slot !== undefined) {
    const slotClosed = slot + context.catchUpMs;
    if (context.making || firstRunAfter(slotClosed, context)) {
      const names = p.failed.map((b) => `${b.name} (${b.cloudState})`).join(', ');
      const next =
        context.making === 'retry'
          ? 'trying again'
          : context.making === 'next'
            ? 'backing up the next slot'
            : 'the slot is past its catch-up window';
      return {
        ...base,
        kind: 'failed',
        message: `backup failed after it was accepted: ${names}; ${next}; ${lastGoodText(p)}`,
      };
    }
  }
  if (p.creating?.stuck && slot !== undefined && firstRunAfter(slot + context.stuckAfterMs, context)) {
    const b = p.creating.backup;
    return {
      ...base,
      kind: 'stuck',
      message: `backup ${b.name} still ${b.cloudState} ${age(Math.floor((context.now.getTime() - slot) / 1000))} after its slot`,
    };
  }
  if (p.verdict === 'stale' && p.lastGood) {
    const turnedMs = Date.parse(p.lastGood.slot) + context.freshnessMs;
    if (firstRunAfter(turnedMs, context)) {
      return { ...base, kind: 'stale', message: `turned stale: ${lastGoodText(p)}` };
    }
  }
  if (context.digest && (p.verdict === 'stale' || p.verdict === 'never' || p.verdict === 'failed')) {
    return { ...base, kind: 'digest', message: `${p.verdict}: ${lastGoodText(p)}` };
  }
  return undefined;
}
