/**
 * A bounded pool of async tasks. The throttle paces each API; the pool only keeps enough calls in
 * flight that every paced API stays busy, without opening thousands of sockets at once.
 */
export interface WorkPool {
  add(task: () => Promise<void>): void;
  /** Resolves when every task added so far (and any they add) has settled. */
  drain(): Promise<void>;
}

export function createPool(concurrency: number): WorkPool {
  const queue: Array<() => Promise<void>> = [];
  let running = 0;
  let waiters: Array<() => void> = [];

  const settle = () => {
    if (running === 0 && queue.length === 0) {
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    }
  };
  const pump = () => {
    while (running < concurrency && queue.length > 0) {
      const task = queue.shift() as () => Promise<void>;
      running += 1;
      // Tasks report their own failures; the pool must never stop on one.
      task()
        .catch(() => undefined)
        .finally(() => {
          running -= 1;
          pump();
          settle();
        });
    }
  };

  return {
    add(task) {
      queue.push(task);
      pump();
    },
    drain() {
      return new Promise((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
  };
}

/**
 * Runs `fn` over `items`, at most `limit` at a time. After a failure no new item starts, but the
 * ones in flight finish before the first failure is thrown: nothing keeps running unseen.
 */
export async function forEachConcurrent<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
) {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const item = items[next] as T;
      next += 1;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}
