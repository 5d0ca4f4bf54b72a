/**
 * Deterministic time for throttle and retry tests: `clock` and `sleep` as the code under test
 * takes them, and a driver that jumps from one sleeper to the next once everything else is idle.
 */
export class FakeTime {
  private timers: Array<{ atMs: number; seq: number; resolve: () => void }> = [];
  private seq = 0;

  constructor(public nowMs = 0) {}

  readonly clock = (): number => this.nowMs;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ atMs: this.nowMs + Math.max(0, ms), seq: this.seq++, resolve });
    });

  /** Lets every promise continuation that is ready run. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Drives time forward until `work` settles; fails if nothing is left to wake and it has not. */
  async run<T>(work: Promise<T>, maxSteps = 1_000_000): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    for (let step = 0; step < maxSteps; step++) {
      await this.settle();
      if (done) return work;
      this.timers.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('FakeTime: work is stuck with no sleeper to wake');
      this.nowMs = Math.max(this.nowMs, next.atMs);
      next.resolve();
    }
    throw new Error('FakeTime: too many steps');
  }
}
