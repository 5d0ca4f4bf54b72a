/**
 * A progress bar on a terminal, for long runs: one line on stderr, redrawn at most ten times a
 * second, erased at the end. Off when stderr is not a terminal or the report goes to stdout as JSON.
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
    write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${finished}/${planned} resources`);
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
