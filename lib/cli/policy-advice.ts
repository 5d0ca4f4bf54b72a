/**
 * Checks of a policy file against the calendar, made before any call: a schedule that never fires
 * again is an error; settings that quietly defeat each other are warnings.
 */
import type { PolicyIssue } from '../policy/errors';
import type { BackupPolicy, PolicyFile } from '../policy/schema';
import { isoSeconds } from '../engine/naming';
import { nextSlot, parseCron } from '../schedule';
import { durationInWords } from '../schedule/duration-words';

/** How often the deployed functions' timers fire (serverless.yml). */
export const TIMER_PERIOD_MS = 15 * 60_000;
/** Slots looked at to learn a schedule's interval: enough for a weekday list or a month's days. */
const SAMPLE_SLOTS = 40;

export interface PolicyAdvice {
  errors: PolicyIssue[];
  warnings: string[];
}

interface Gaps {
  shortest: number;
  longest: number;
}

/** The shortest and longest time between consecutive upcoming slots; undefined with fewer than two. */
function slotGaps(policy: BackupPolicy, now: Date): Gaps | undefined {
  const cron = parseCron(policy.schedule);
  const slots: number[] = [];
  let after = now;
  for (let i = 0; i < SAMPLE_SLOTS; i += 1) {
    const next = nextSlot(cron, after, policy.timezone);
    if (!next) break;
    slots.push(next.getTime());
    after = next;
  }
  if (slots.length < 2) return undefined;
  const gaps = slots.slice(1).map((slot, i) => slot - (slots[i] as number));
  return { shortest: Math.min(...gaps), longest: Math.max(...gaps) };
}

function adviseOne(policy: BackupPolicy, gaps: Gaps): string[] {
  const out: string[] = [];
  const words = durationInWords;
  const every = `the ${words(gaps.longest)} between slots`;
  if (policy.catchUpMs < TIMER_PERIOD_MS) {
    out.push(
      `catchUp ${words(policy.catchUpMs)} is shorter than the 15 min between timer firings of the ` +
        'deployed functions: a slot can pass without a backup',
    );
  }
  if (policy.catchUpMs > gaps.shortest) {
    out.push(
      `catchUp ${words(policy.catchUpMs)} is longer than the ${words(gaps.shortest)} between slots: ` +
        'only the latest slot is ever backed up, so a missed older slot inside the window is still skipped',
    );
  }
  if (!('retention' in policy)) return out; // an ensure kind keeps nothing to retain
  const { maxAgeMs: maxAge, minKeep } = policy.retention;
  if (maxAge !== undefined && maxAge < gaps.longest) {
    out.push(
      `maxAge ${words(maxAge)} is shorter than ${every}: each backup expires before the next one ` +
        `is made, and only minKeep (${minKeep}) keeps any`,
    );
  } else if (maxAge !== undefined && minKeep * gaps.longest > maxAge) {
    out.push(
      `minKeep ${minKeep} × ${every} is more than maxAge ${words(maxAge)}: ` +
        'minKeep keeps backups older than maxAge',
    );
  }
  return out;
}

/** Errors and warnings for the enabled policies of `file` as of `now`. */
export function adviseOnPolicies(file: PolicyFile, now: Date): PolicyAdvice {
  const advice: PolicyAdvice = { errors: [], warnings: [] };
  file.policies.forEach((policy, index) => {
    if (!policy.enabled) return;
    if (!nextSlot(parseCron(policy.schedule), now, policy.timezone)) {
      advice.errors.push({
        path: `policies[${index}].schedule`,
        message: `'${policy.schedule}' never fires again after ${isoSeconds(now)} (no slot in the next 10 years) (policy ${policy.name})`,
      });
      return;
    }
    const gaps = slotGaps(policy, now);
    if (gaps) advice.warnings.push(...adviseOne(policy, gaps).map((text) => `${policy.name}: ${text}`));
  });
  return advice;
}
