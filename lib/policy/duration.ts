import * as z from 'zod/mini';
import { convert } from './fields';

/**
 * Durations as people write them: `30s`, `90m`, `6h`, `30d`, `2w`, and combinations from the
 * largest unit down (`1d12h`). No months or years: their length varies, and a retention that
 * silently means 28 or 31 days is a surprise nobody wants at deletion time.
 */
const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;
const DURATION = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const EXAMPLES = 'like 30s, 90m, 6h, 30d, 2w or 1d12h';

/** Milliseconds, or undefined when the text is not a duration (or is zero). */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const units = Object.values(UNIT_MS);
  const ms = match.slice(1).reduce((sum, n, i) => sum + (n === undefined ? 0 : Number(n) * units[i]!), 0);
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** Why a text is not a duration, as one sentence. */
export function durationProblem(text: string): string {
  if (/^\s*\d+\s*$/.test(text)) return `\`${text}\` has no unit; write a duration ${EXAMPLES}`;
  if (/^\d+(?:M|mo|y|yr)$/.test(text.trim())) {
    return `\`${text}\`: months and years are not supported (their length varies); use days or weeks`;
  }
  if (/^0+[wdhms]?$/.test(text.trim())) return 'must be longer than zero';
  return `\`${text}\` is not a duration; write one ${EXAMPLES}`;
}

/** A duration field: accepts the text, outputs milliseconds. */
export const durationSchema = convert(
  z.string({
    error: (iss) => (iss.input === undefined ? undefined : `must be a duration with a unit, ${EXAMPLES}`),
  }),
  (text, fail) => {
    const ms = parseDuration(text);
    if (ms === undefined) fail(durationProblem(text));
    return ms ?? 0;
  },
);
