/**
 * A progress bar on a terminal, for long runs: one line on stderr, redrawn at most ten times a
 * second, erased at the end. It counts report rows, so its total is the summary table's.
 */
export interface ProgressBar {
  update(finished: number, planned: number): void;
  done(): void;
}

const WIDTH = 30;

export function createProgressBar(
  write: (text: string) => void,
  clock: () => number = Date.now,
): ProgressBar {
  let lastDrawMs = 0;
  let drawn = false;
  const draw = (finished: number, planned: number) => {
    const filled = planned === 0 ? 0 : Math.round((finished / planned) * WIDTH);
    write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${finished}/${planned} rows`);
    drawn = true;
  };
  return {
    update(finished, planned) {
      const now = clock();
      if (now - lastDrawMs < 100 && finished < planned) return;
      lastDrawMs = now;
      draw(finished, planned);
    },
    done() {
      if (drawn) write(`\r${' '.repeat(WIDTH + 30)}\r`);
    },
  };
}

/** After this long without a line, a run that is still going says where it is. */
export const PROGRESS_LINE_EVERY_MS = 10_000;

/**
 * Progress as plain lines on stderr, for when it is not a terminal (a CI log, a pipe): nothing for
 * a quick run; then, every `everyMs` while the run goes on, how many report rows are finished.
 * Driven by a timer, not by events: a run waiting on retries is exactly the silent one.
 */
export function createProgressLines(
  write: (text: string) => void,
  everyMs: number = PROGRESS_LINE_EVERY_MS,
  clock: () => number = Date.now,
): ProgressBar {
  const startedMs = clock();
  let finished = 0;
  let planned = 0;
  const timer = setInterval(() => {
    const seconds = Math.round((clock() - startedMs) / 1000);
    write(`progress: ${finished} of ${planned} rows finished after ${seconds} s\n`);
  }, everyMs);
  timer.unref();
  return {
    update(nowFinished, nowPlanned) {
      finished = nowFinished;
      planned = nowPlanned;
    },
    done() {
      clearInterval(timer);
    },
  };
}
