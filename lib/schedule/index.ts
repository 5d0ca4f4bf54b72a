export { parseCron, type CronSchedule } from './cron';
export { CRON_FIELDS, CronError, ScheduleError, TimeZoneError, type CronFieldName } from './errors';
export { dueSlot, latestSlot, nextSlot, parseSlotId, slotId, SLOT_SEARCH_YEARS, type DueSlot } from './slots';
export { canonicalTimeZone } from './zoned-time';
