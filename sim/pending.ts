/**
 * Work the simulator has promised not to finish yet: responses held open by the timeout faults
 * and answers waiting out injected latency. stop() and reset() must be able to end all of it,
 * or a test would hang on a socket nobody will ever answer.
 */
import type { ServerResponse } from 'node:http';

export interface PendingWork {
  /** Never answer `res`; it is released when the client gives up or on releaseAll(). */
  hold(res: ServerResponse): void;
  /** Runs `run` after `ms`, unless releaseAll() comes first. */
  delay(ms: number, run: () => void): void;
  heldCount(): number;
  /** Destroys every held socket and cancels every delayed answer. */
  releaseAll(): void;
}

export function createPendingWork(): PendingWork {
  const held = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  return {
    hold(res) {
      held.add(res);
      res.once('close', () => held.delete(res));
    },
    delay(ms, run) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
    },
    heldCount: () => held.size,
    releaseAll() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const res of held) res.socket?.destroy();
      held.clear();
    },
  };
}
