/**
 * Pacing for one API: a token bucket that holds at most one token, so calls go out evenly spaced
 * and never in a burst. Pure: the time is passed in, nothing sleeps here.
 *
 * Why capacity one and a stretched interval: the simulator (and, as far as anyone can tell, the
 * clouds) refuses the (N+1)-th call arriving within any sliding second. A bucket with room for N
 * lets N calls out at once after an idle spell and then N more a second later, which is refused.
 * And network jitter can bring two calls sent exactly 1000/N ms apart closer together on arrival,
 * so the interval is (1000 + jitterAllowanceMs) / N: 25 ms of allowance keeps 97.6% of N.
 */
export const PACING_DEFAULTS = {
  jitterAllowanceMs: 25,
  /**
   * Two calls are never closer than this fraction of the interval. Below 1 it lets a call that
   * follows a late timer catch up, while the window rule below still holds the sliding second.
   */
  minGapFraction: 0.9,
  /** After a throttled answer the rate is multiplied by this… */
  shrinkFactor: 0.7,
  /** …but never below this fraction of the documented rate. */
  floorFraction: 0.1,
  /** Each accepted call gives back this fraction of the documented rate. */
  recoverFraction: 0.02,
  /** Throttled answers to calls sent at the old rate arrive together: one shrink per window. */
  shrinkCooldownMs: 1_000,
} as const;

export type PacingSettings = { -readonly [K in keyof typeof PACING_DEFAULTS]: number };

export class TokenBucket {
  readonly baseRatePerSecond: number;
  private readonly settings: PacingSettings;
  private currentRatePerSecond: number;
  private lastTakenAtMs: number | undefined;
  private lastShrinkAtMs: number | undefined;
  /** When the most recent calls went out, oldest first: the window rule reads the N-th back. */
  private readonly recentTakesMs: number[] = [];

  constructor(ratePerSecond: number, settings: Partial<PacingSettings> = {}) {
    if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) {
      throw new RangeError(`rate must be a positive number of calls per second, got ${ratePerSecond}`);
    }
    this.baseRatePerSecond = ratePerSecond;
    this.currentRatePerSecond = ratePerSecond;
    this.settings = { ...PACING_DEFAULTS };
    for (const [name, value] of Object.entries(settings) as Array<
      [keyof PacingSettings, number | undefined]
    >) {
      if (value !== undefined) this.settings[name] = value;
    }
  }

  get ratePerSecond(): number {
    return this.currentRatePerSecond;
  }

  get intervalMs(): number {
    return (1000 + this.settings.jitterAllowanceMs) / this.currentRatePerSecond;
  }

  /** Calls the sliding window may hold at the current rate. */
  private get windowCalls(): number {
    return Math.max(1, Math.floor(this.currentRatePerSecond));
  }

  /**
   * How long a caller arriving at `nowMs` has to wait; 0 when it may go now. Two rules: no closer
   * than `minGapFraction` of the interval to the previous call (even pacing, no bursts), and no
   * sooner than `windowCalls` intervals after the call that many back (never more than N calls in
   * any (1000 + allowance) ms). Timer lateness therefore does not accumulate into a lower rate.
   */
  waitMs(nowMs: number): number {
    if (this.lastTakenAtMs === undefined) return 0;
    const interval = this.intervalMs;
    let readyAtMs = this.lastTakenAtMs + interval * this.settings.minGapFraction;
    const back = this.recentTakesMs.length - this.windowCalls;
    const windowStart = back >= 0 ? this.recentTakesMs[back] : undefined;
    if (windowStart !== undefined) readyAtMs = Math.max(readyAtMs, windowStart + interval * this.windowCalls);
    else readyAtMs = Math.max(readyAtMs, this.lastTakenAtMs + interval);
    return Math.max(0, readyAtMs - nowMs);
  }

  /**
   * Takes the token at the moment the call really goes out: the rules count from when calls
   * actually left, so a late timer never brings two calls closer than the rules allow.
   */
  take(nowMs: number): void {
    this.lastTakenAtMs = nowMs;
    this.recentTakesMs.push(nowMs);
    const keep = Math.ceil(this.baseRatePerSecond);
    if (this.recentTakesMs.length > keep) this.recentTakesMs.splice(0, this.recentTakesMs.length - keep);
  }

  /** A throttled answer: slow down. Returns whether the rate changed. */
  shrink(nowMs: number): boolean {
    const { shrinkFactor, floorFraction, shrinkCooldownMs } = this.settings;
    if (this.lastShrinkAtMs !== undefined && nowMs - this.lastShrinkAtMs < shrinkCooldownMs) return false;
    this.lastShrinkAtMs = nowMs;
    const floor = this.baseRatePerSecond * floorFraction;
    this.currentRatePerSecond = Math.max(floor, this.currentRatePerSecond * shrinkFactor);
    return true;
  }

  /** An accepted call: creep back towards the documented rate. */
  recover(): void {
    const step = this.baseRatePerSecond * this.settings.recoverFraction;
    this.currentRatePerSecond = Math.min(this.baseRatePerSecond, this.currentRatePerSecond + step);
  }
}
