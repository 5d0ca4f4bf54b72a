/**
 * One pacing lane per API (`cbs.CreateDiskBackup`, `dws.CreateSnapshot`), shared by every caller
 * holding this throttle. Waiters are released one at a time, in arrival order, each at the
 * moment its bucket allows, so any number of concurrent callers together keep the API's pace.
 */
import { rateFor } from '../cloud/api-rates';
import { TokenBucket, type PacingSettings } from './token-bucket';

export type Clock = () => number;
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ThrottleOptions extends Partial<PacingSettings> {
  /** Calls per second by API key, over the documented table (configuration). */
  rates?: Readonly<Record<string, number>>;
  clock?: Clock;
  sleep?: Sleep;
}

export interface Throttle {
  /** Resolves when a call of `apiKey` (`<service>.<Action>`) may be sent. */
  acquire(apiKey: string): Promise<void>;
  /** The cloud refused a call as over its rate: this API's pace shrinks. */
  onThrottled(apiKey: string): void;
  /** The cloud answered without throttling: the pace recovers a little. */
  onAccepted(apiKey: string): void;
  /** The pace in force now, in calls per second. */
  ratePerSecond(apiKey: string): number;
}

interface Lane {
  bucket: TokenBucket;
  waiting: Array<() => void>;
  pumping: boolean;
}

export function createThrottle(options: ThrottleOptions = {}): Throttle {
  const { rates, clock = Date.now, sleep = realSleep, ...pacing } = options;
  const lanes = new Map<string, Lane>();

  const laneFor = (apiKey: string): Lane => {
    let lane = lanes.get(apiKey);
    if (!lane) {
      lane = { bucket: new TokenBucket(rateFor(apiKey, rates), pacing), waiting: [], pumping: false };
      lanes.set(apiKey, lane);
    }
    return lane;
  };

  // One pump per lane at a time; the wait is re-read after each sleep because the rate may have
  // shrunk or recovered meanwhile.
  const pump = async (lane: Lane): Promise<void> => {
    lane.pumping = true;
    try {
      while (lane.waiting.length > 0) {
        const waitMs = lane.bucket.waitMs(clock());
        if (waitMs > 0) {
          await sleep(waitMs);
          continue;
        }
        lane.bucket.take(clock());
        lane.waiting.shift()?.();
      }
    } finally {
      lane.pumping = false;
    }
  };

  return {
    acquire(apiKey) {
      const lane = laneFor(apiKey);
      return new Promise<void>((resolve) => {
        lane.waiting.push(resolve);
        if (!lane.pumping) void pump(lane);
      });
    },
    onThrottled(apiKey) {
      laneFor(apiKey).bucket.shrink(clock());
    },
    onAccepted(apiKey) {
      laneFor(apiKey).bucket.recover();
    },
    ratePerSecond(apiKey) {
      return laneFor(apiKey).bucket.ratePerSecond;
    },
  };
}

let processThrottle: Throttle | undefined;

/**
 * The process-wide throttle on the real clock, for clients built without one: every client in
 * the process then shares each API's lanes, which is what the cloud's per-account limit sees.
 */
export function defaultThrottle(): Throttle {
  processThrottle ??= createThrottle();
  return processThrottle;
}
