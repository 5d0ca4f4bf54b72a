import { describe, expect, it } from 'vitest';
import { CronError, parseCron } from '../../lib/schedule';

describe('parseCron', () => {
  it.each([
    // SCF's own examples (reference/scf-and-alerts.md §2)
    ['*/5 * * * * * *', 'second', [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]],
    ['0 0 2 1 * * *', 'day', [1]],
    ['0 15 10 * * MON-FRI *', 'weekday', [1, 2, 3, 4, 5]],
    ['0 0 10,14,16 * * * *', 'hour', [10, 14, 16]],
    ['0 */30 9-17 * * * *', 'minute', [0, 30]],
    ['0 0 12 * * WED *', 'weekday', [3]],
    // single value with a step, as SCF documents `1/10`
    ['0 1/10 * * * * *', 'minute', [1, 11, 21, 31, 41, 51]],
    ['0 0 0 1 jan,Jul * *', 'month', [1, 7]],
    ['0 0 0 * * sun *', 'weekday', [0]],
    ['0 0 0 * * 0-6/3 *', 'weekday', [0, 3, 6]],
    ['0 0 0 * * FRI-SUN *', 'weekday', [0, 5, 6]],
    ['0 0 0 * * MON-SUN *', 'weekday', [0, 1, 2, 3, 4, 5, 6]],
    ['0 0 0 * FEB-APR/2 * *', 'month', [2, 4]],
    ['0 0 0 * * * 2026,2028-2030', 'year', [2026, 2028, 2029, 2030]],
    ['0 0 0 * * * */50', 'year', [1970, 2020, 2070]],
    ['  0   0 0 * * * *  ', 'hour', [0]],
  ] as const)('accepts %j (%s)', (expression, field, values) => {
    expect(parseCron(expression)[field]).toEqual(values);
  });

  it('keeps the expression, trimmed', () => {
    expect(parseCron(' 0 0 2 * * * * ').expression).toBe('0 0 2 * * * *');
  });

  it('combines day and weekday with OR only when both are restricted (Vixie cron)', () => {
    expect(parseCron('0 0 0 1 * MON *').dayRule).toBe('or');
    expect(parseCron('0 0 0 * * MON *').dayRule).toBe('and');
    expect(parseCron('0 0 0 */2 * MON *').dayRule).toBe('and');
    expect(parseCron('0 0 0 1 * * *').dayRule).toBe('and');
  });

  it.each([
    ['', undefined, /empty/],
    ['0 2 * * *', undefined, /got 5.*legacy 5-field/],
    ['0 0 2 * * *', undefined, /got 6.*year field is required/],
    ['0 0 2 * * * * *', undefined, /got 8/],
    ['60 * * * * * *', 'second', /60 is out of range 0–59/],
    ['0 60 * * * * *', 'minute', /out of range 0–59/],
    ['0 0 24 * * * *', 'hour', /24 is out of range 0–23/],
    ['0 0 0 0 * * *', 'day', /0 is out of range 1–31/],
    ['0 0 0 32 * * *', 'day', /out of range 1–31/],
    ['0 0 0 * 13 * *', 'month', /out of range 1–12/],
    ['0 0 0 * 0 * *', 'month', /out of range 1–12/],
    ['0 0 0 * * 7 *', 'weekday', /7 is out of range 0–6 \(0 = Sunday/],
    ['0 0 0 * * * 1969', 'year', /out of range 1970–2099/],
    ['0 0 0 * * * 2100', 'year', /out of range 1970–2099/],
    ['0 0 5-2 * * * *', 'hour', /range `5-2` is reversed/],
    ['0 0 0 * * FRI-MON *', 'weekday', /reversed/],
    ['0 0 0 * DEC-JAN * *', 'month', /reversed/],
    ['*/0 * * * * * *', 'second', /step 0/],
    ['*/60 * * * * * *', 'second', /step 60 .* too large/],
    ['0 0 */x * * * *', 'hour', /step .* whole number/],
    ['0 0 */ * * * *', 'hour', /step .* whole number/],
    ['0 0 1/2/3 * * * *', 'hour', /more than one `\/`/],
    ['0 0 1-2-3 * * * *', 'hour', /not a value or a range/],
    ['0 0 1- * * * *', 'hour', /missing value/],
    ['1,,2 * * * * * *', 'second', /empty list item/],
    ['0 0 0 * JANUARY * *', 'month', /unknown name `JANUARY`/],
    ['0 0 0 * * MONDAY *', 'weekday', /unknown name `MONDAY`/],
    ['0 0 MON * * * *', 'hour', /not a number \(names are allowed only for month and weekday\)/],
    ['0 0 0 ? * MON *', 'day', /`\?` is not supported by SCF/],
    ['0 0 0 * * ? *', 'weekday', /`\?` is not supported/],
    ['0 0 0 L * * *', 'day', /`L` .* not supported by SCF/],
    ['0 0 0 15W * * *', 'day', /`15W` .* not supported/],
    ['0 0 0 * * 5L *', 'weekday', /`5L` .* not supported/],
    ['0 0 0 * * 1#2 *', 'weekday', /unexpected character `#`/],
    ['0 0 0 * * * -1', 'year', /missing value/],
    ['0 0 0 30 2 * *', 'day', /day 30 never occurs in FEB/],
    ['0 0 0 31 APR,JUN * *', 'day', /never occurs in APR,JUN/],
  ])('rejects %j in the %s field', (expression, field, message) => {
    let caught: unknown;
    try {
      parseCron(expression);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CronError);
    expect((caught as CronError).field).toBe(field);
    expect((caught as CronError).message).toMatch(message);
    if (field !== undefined) expect((caught as CronError).message.startsWith(`${field} field: `)).toBe(true);
  });

  it('accepts 29 February (leap years) and 30 February when weekdays can also match', () => {
    expect(parseCron('0 0 0 29 2 * *').day).toEqual([29]);
    expect(parseCron('0 0 0 30 2 MON *').dayRule).toBe('or');
  });
});
