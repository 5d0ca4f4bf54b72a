/**
 * Errors of the schedule module. A bad cron expression is bad input (exit status 2 in the CLI),
 * so the message alone must let a person fix it: it names the field and the reason.
 */
export const CRON_FIELDS = ['second', 'minute', 'hour', 'day', 'month', 'weekday', 'year'] as const;
export type CronFieldName = (typeof CRON_FIELDS)[number];

export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

export class CronError extends ScheduleError {
  override name = 'CronError';

  constructor(
    message: string,
    /** The field at fault; absent when the expression as a whole is wrong (field count, empty). */
    readonly field?: CronFieldName,
    options?: ErrorOptions,
  ) {
    super(field === undefined ? message : `${field} field: ${message}`, options);
  }
}

export class TimeZoneError extends ScheduleError {
  override name = 'TimeZoneError';

  constructor(
    readonly timeZone: string,
    options?: ErrorOptions,
  ) {
    super(`unknown time zone "${timeZone}" (expected an IANA name such as Asia/Shanghai or UTC)`, options);
  }
}
