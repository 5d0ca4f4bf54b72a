import { CRON_FIELDS, CronError, type CronFieldName } from './errors';

/**
 * SCF's 7-field timer cron dialect (SCF's timer trigger documentation):
 * `second minute hour day month weekday year`, with `,` `-` `*` `/` and the names JAN–DEC and
 * SUN–SAT (any case). Only what the SCF docs list is accepted: `?`, `L`, `W`, `#`, the legacy
 * 5-field form and 6-field (Quartz without year) expressions are rejected, so an expression that
 * passes here is one SCF documents — and one whose meaning we are sure of.
 *
 * Choices where the docs are silent or disagree (tell the lead; keep in step with the README):
 * - Weekday numbers are 0–6 with 0 = Sunday, as the current English page says (older Chinese
 *   pages say 0 = Monday). Names avoid the ambiguity and are what the examples use.
 * - `SUN` may close a weekday range (`FRI-SUN`, `MON-SUN`): read as "through Sunday", which is
 *   what a person means whichever numbering SCF uses. Other wrap-around ranges are rejected.
 * - A step must not exceed the field's span (a step of 60 in the second field is an error): a
 *   larger step can only ever select its start, which is never what was meant.
 * - Day and weekday combine like Vixie cron: when both fields are restricted (neither starts
 *   with `*`) a day matches if EITHER matches (SCF: "combine with OR"); otherwise both must.
 */
export interface CronSchedule {
  /** The expression as written (trimmed), e.g. `0 0 2 * * * *`. */
  readonly expression: string;
  /** Allowed values of each field, ascending and without duplicates; weekday 0 = Sunday. */
  readonly second: readonly number[];
  readonly minute: readonly number[];
  readonly hour: readonly number[];
  readonly day: readonly number[];
  readonly month: readonly number[];
  readonly weekday: readonly number[];
  readonly year: readonly number[];
  /** `or` when day and weekday are both restricted, else `and` (see above). */
  readonly dayRule: 'and' | 'or';
}

type FieldValues = [number[], number[], number[], number[], number[], number[], number[]];

interface FieldSpec {
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const SPECS: Record<CronFieldName, FieldSpec> = {
  second: { min: 0, max: 59 },
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  day: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: MONTH_NAMES },
  weekday: { min: 0, max: 6, names: WEEKDAY_NAMES },
  year: { min: 1970, max: 2099 },
};

/** Days in each month in a leap year: the most a month can ever have. */
const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const EXAMPLE = '`0 0 2 * * * *` (02:00:00 every day)';

export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim();
  if (trimmed === '') throw new CronError(`the expression is empty; write 7 fields, e.g. ${EXAMPLE}`);
  const parts = trimmed.split(/\s+/);
  if (parts.length !== CRON_FIELDS.length) throw new CronError(fieldCountMessage(parts.length));
  const [second, minute, hour, day, month, weekday, year] = CRON_FIELDS.map((name, i) =>
    parseField(name, parts[i]!),
  ) as FieldValues;
  const restricted = (text: string | undefined) => !text!.startsWith('*');
  const schedule: CronSchedule = {
    expression: trimmed,
    ...{ second, minute, hour, day, month, weekday, year },
    dayRule: restricted(parts[3]) && restricted(parts[5]) ? 'or' : 'and',
  };
  if (schedule.dayRule === 'and') assertDayCanOccur(schedule);
  return schedule;
}

function fieldCountMessage(count: number): string {
  const hint =
    count === 5
      ? "; SCF's legacy 5-field form (minute first) is not accepted because it is easily misread"
      : count === 6
        ? '; the year field is required (use `*` for every year)'
        : '';
  return `expected 7 fields (second minute hour day month weekday year), got ${count}${hint}: e.g. ${EXAMPLE}`;
}

function parseField(field: CronFieldName, text: string): number[] {
  if (text.includes('?')) throw new CronError('`?` is not supported by SCF; use `*`', field);
  const bad = /[^0-9A-Za-z,*/-]/.exec(text);
  if (bad) {
    const allowed = 'only digits, names and `,` `-` `*` `/` are allowed';
    throw new CronError(`unexpected character \`${bad[0]}\` in \`${text}\`; ${allowed}`, field);
  }
  const selected = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new CronError(`empty list item in \`${text}\``, field);
    for (const value of expandItem(field, item)) selected.add(value);
  }
  return [...selected].sort((a, b) => a - b);
}

/** One list item: `*`, `v`, `a-b`, each optionally followed by `/step`. */
function expandItem(field: CronFieldName, item: string): number[] {
  const spec = SPECS[field];
  const [base = '', stepText, ...extra] = item.split('/');
  if (extra.length > 0) throw new CronError(`\`${item}\` has more than one \`/\``, field);
  const step = stepText === undefined ? 1 : parseStep(field, item, stepText);
  let start: number;
  let end: number;
  if (base === '*') {
    [start, end] = [spec.min, spec.max];
  } else {
    const bounds = base.split('-');
    if (bounds.length > 2) throw new CronError(`\`${item}\` is not a value or a range`, field);
    start = parseValue(field, bounds[0]!);
    if (bounds.length === 2) {
      end = parseValue(field, bounds[1]!);
      // `FRI-SUN`: Sunday closes the range as day 7 (see the module comment).
      if (field === 'weekday' && end === 0 && start > 0 && /^sun$/i.test(bounds[1]!)) end = 7;
      if (start > end)
        throw new CronError(`range \`${base}\` is reversed (start must not exceed end)`, field);
    } else {
      // `5/15` means 5, 20, 35, 50 (SCF's own example `1/10`); a plain value is just itself.
      end = stepText === undefined ? start : spec.max;
    }
  }
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(field === 'weekday' ? v % 7 : v);
  return values;
}

function parseStep(field: CronFieldName, item: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new CronError(`step in \`${item}\` must be a whole number`, field);
  const step = Number(text);
  const { min, max } = SPECS[field];
  if (step === 0) throw new CronError(`step 0 in \`${item}\` is not allowed (the smallest step is 1)`, field);
  if (step > max - min) {
    throw new CronError(`step ${step} in \`${item}\` is too large for the range ${min}–${max}`, field);
  }
  return step;
}

function parseValue(field: CronFieldName, text: string): number {
  const { min, max, names } = SPECS[field];
  if (text === '') throw new CronError(`missing value in range`, field);
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < min || value > max) {
      const note = field === 'weekday' ? ' (0 = Sunday; names SUN–SAT are clearer)' : '';
      throw new CronError(`value ${value} is out of range ${min}–${max}${note}`, field);
    }
    return value;
  }
  if ((field === 'day' || field === 'weekday') && /^(\d*[LW]|LW)$/i.test(text)) {
    throw new CronError(`\`${text}\` (Quartz's last/nearest-weekday syntax) is not supported by SCF`, field);
  }
  if (!names)
    throw new CronError(`\`${text}\` is not a number (names are allowed only for month and weekday)`, field);
  const index = names.indexOf(text.toUpperCase());
  if (index < 0) {
    throw new CronError(
      `unknown name \`${text}\` (use ${names[0]}–${names[names.length - 1]} or ${min}–${max})`,
      field,
    );
  }
  return index + min;
}

/** With `and` days, a day field no chosen month can hold (`30 FEB`) would never fire. */
function assertDayCanOccur(s: CronSchedule): void {
  if (s.month.some((m) => s.day[0]! <= MAX_MONTH_DAYS[m - 1]!)) return;
  const months = s.month.map((m) => MONTH_NAMES[m - 1]).join(',');
  throw new CronError(
    `day ${s.day.join(',')} never occurs in ${months}, so the schedule would never run`,
    'day',
  );
}

/** Whether a calendar date matches the day, month and weekday fields (not the year or time). */
export function dayMatches(s: CronSchedule, year: number, month: number, day: number): boolean {
  if (!s.month.includes(month)) return false;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const byDay = s.day.includes(day);
  const byWeekday = s.weekday.includes(weekday);
  return s.dayRule === 'or' ? byDay || byWeekday : byDay && byWeekday;
}
