/** lib/protection: the freshness bound from a schedule, verdicts from listed backups, notices once. */
import { describe, expect, it } from 'vitest';
import { backupName } from '../../lib/engine/naming';
import { freshnessBoundMs, longestGapMs } from '../../lib/protection/freshness';
import { isDigestRun, noticeOf, type NoticeContext } from '../../lib/protection/notices';
import { protectionOf } from '../../lib/protection/verdict';
import type { Backup, BackupState } from '../../lib/targets/types';

const H = 3_600_000;
const NOW = new Date('2026-11-24T18:30:00Z');

describe('the freshness bound', () => {
  it('is the longest gap between slots plus the catch-up window', () => {
    const daily = { schedule: '0 0 2 * * * *', timezone: 'Asia/Shanghai', catchUpMs: H };
    expect(freshnessBoundMs(daily, NOW)).toBe(25 * H);
    // Weekdays only: the weekend makes the longest gap three days.
    expect(longestGapMs('0 0 2 * * MON-FRI *', 'Asia/Shanghai', NOW)).toBe(72 * H);
    // Around a DST change the wall-clock schedule's gap is 25 hours.
    expect(longestGapMs('0 0 2 * * * *', 'Europe/Berlin', NOW)).toBe(25 * H);
  });

  it("is the policy's own `freshness` when set", () => {
    expect(
      freshnessBoundMs({ schedule: '0 0 2 * * * *', timezone: 'UTC', catchUpMs: H, freshness: 26 * H }, NOW),
    ).toBe(26 * H);
  });
});

const backup = (
  slot: string,
  state: BackupState,
  attempt = 1,
  policy = 'p1',
  resource = 'disk-1',
): Backup => ({
  id: `${slot}-${attempt}`,
  name: backupName(policy, new Date(slot), resource, attempt),
  resourceId: resource,
  state,
  cloudState: state.toUpperCase(),
  manual: true,
});
const verdict = (backups: Backup[], now = NOW) =>
  protectionOf({
    policyName: 'p1',
    resourceId: 'disk-1',
    backups,
    now,
    freshnessMs: 25 * H,
    stuckAfterMs: 12 * H,
  });

describe('the verdict of a resource', () => {
  it('fresh within the bound, stale past it, never without a good backup of ours', () => {
    expect(verdict([backup('2026-11-24T18:00:00Z', 'available')])).toMatchObject({
      verdict: 'fresh',
      kept: 1,
      lastGood: { slot: '2026-11-24T18:00:00Z', ageSeconds: 1800 },
    });
    expect(verdict([backup('2026-11-23T17:00:00Z', 'available')]).verdict).toBe('stale');
    // Someone else's backup, or another policy's, does not protect the resource for this policy.
    expect(verdict([backup('2026-11-24T18:00:00Z', 'available', 1, 'p2')])).toMatchObject({
      verdict: 'never',
      lastGood: null,
    });
  });

  it('failed when every attempt at the latest slot failed, creating while one is in progress', () => {
    const old = backup('2026-11-23T18:00:00Z', 'available');
    const failed = verdict([
      old,
      backup('2026-11-24T18:00:00Z', 'failed'),
      backup('2026-11-24T18:00:00Z', 'failed', 2),
    ]);
    expect(failed).toMatchObject({ verdict: 'failed', lastGood: { slot: '2026-11-23T18:00:00Z' } });
    expect(failed.failed).toHaveLength(2);
    expect(
      verdict([old, backup('2026-11-24T18:00:00Z', 'failed'), backup('2026-11-24T18:00:00Z', 'available', 2)])
        .verdict,
    ).toBe('fresh');
    const creating = verdict([backup('2026-11-24T18:00:00Z', 'creating')]);
    expect(creating).toMatchObject({ verdict: 'creating', creating: { stuck: false } });
    expect(verdict([backup('2026-11-24T04:00:00Z', 'creating')]).creating?.stuck).toBe(true);
  });
});

describe('notices, each once (derived from time)', () => {
  const context = (now: Date, extra: Partial<NoticeContext> = {}): NoticeContext => ({
    now,
    freshnessMs: 25 * H,
    catchUpMs: H,
    stuckAfterMs: 12 * H,
    timerPeriodMs: 15 * 60_000,
    digest: false,
    ...extra,
  });
  const resource = { id: 'disk-1', region: 'ap-guangzhou' };
  const lastGood = [backup('2026-11-23T18:00:00Z', 'available')];

  it('tells of a resource turning stale in the one run after it turned, naming age and last good backup', () => {
    // Stale from 2026-11-24T19:00Z (slot + 25 h): the run at 19:10 tells, the one at 19:25 does not.
    const at = (iso: string) => noticeOf(resource, verdict(lastGood, new Date(iso)), context(new Date(iso)));
    expect(at('2026-11-24T18:55:00Z')).toBeUndefined();
    expect(at('2026-11-24T19:10:00Z')).toEqual({
      kind: 'stale',
      resourceId: 'disk-1',
      region: 'ap-guangzhou',
      message: `turned stale: last good backup ${lastGood[0]!.name} of 2026-11-23T18:00:00Z, 25 h old`,
    });
    expect(at('2026-11-24T19:25:00Z')).toBeUndefined();
    // …and in the daily digest while it stays stale.
    const digest = noticeOf(
      resource,
      verdict(lastGood, new Date('2026-11-25T01:05:00Z')),
      context(new Date('2026-11-25T01:05:00Z'), { digest: true }),
    );
    expect(digest?.kind).toBe('digest');
  });

  it('tells of a failed slot in the run that tries again, or once when its catch-up window closes', () => {
    const failed = [...lastGood, backup('2026-11-24T18:00:00Z', 'failed')];
    const at = (iso: string, making?: 'retry' | 'next') =>
      noticeOf(resource, verdict(failed, new Date(iso)), context(new Date(iso), { making }))?.kind;
    expect(at('2026-11-24T18:15:00Z', 'retry')).toBe('failed');
    expect(at('2026-11-24T18:15:00Z', 'next')).toBe('failed');
    expect(at('2026-11-24T18:30:00Z')).toBeUndefined();
    expect(at('2026-11-24T19:10:00Z')).toBe('failed');
    expect(at('2026-11-24T19:25:00Z')).toBeUndefined();
  });

  it("finds the digest run by the hour in the policy's time zone", () => {
    // 09:00 Asia/Shanghai is 01:00 UTC.
    expect(isDigestRun(new Date('2026-11-25T01:05:00Z'), 'Asia/Shanghai', 9, 15 * 60_000)).toBe(true);
    expect(isDigestRun(new Date('2026-11-25T01:15:00Z'), 'Asia/Shanghai', 9, 15 * 60_000)).toBe(false);
    expect(isDigestRun(new Date('2026-11-25T00:59:59Z'), 'Asia/Shanghai', 9, 15 * 60_000)).toBe(false);
  });
});
