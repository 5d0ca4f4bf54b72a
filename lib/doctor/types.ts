/**
 * The doctor's report: a checklist, one line per check. A failed check always says what to do
 * (`fix`); a check that cannot be made says why not. Nothing in it is secret.
 */
export type CheckStatus = 'ok' | 'fail' | 'skip';

export const CHECK_AREAS = [
  'credentials',
  'clock',
  'endpoint',
  'project',
  'discovery',
  'listing',
  'fields',
  'permission',
  'alert',
  'heartbeat',
] as const;
export type CheckArea = (typeof CHECK_AREAS)[number];

export interface Check {
  area: CheckArea;
  /** What was checked: a cloud, a host, a policy and region, an API, a CAM action, a channel. */
  subject: string;
  status: CheckStatus;
  detail: string;
  /** For `fail`: the variable to set, the action to grant, the value to correct. */
  fix?: string;
  /** How long the check's call took, where that is worth showing (endpoints). */
  ms?: number;
  /** Clock lines: server time minus local time, as measured from the server's Date header. */
  skewMs?: number;
}

export interface DoctorReport {
  /** `fail` when any check failed: something must be fixed before the timers are enabled. */
  status: 'ok' | 'fail';
  policies: string[];
  counts: Record<CheckStatus, number>;
  checks: Check[];
}

export function doctorReport(policies: string[], checks: Check[]): DoctorReport {
  const counts: Record<CheckStatus, number> = { ok: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.status] += 1;
  return { status: counts.fail > 0 ? 'fail' : 'ok', policies, counts, checks };
}

export const ok = (area: CheckArea, subject: string, detail: string, ms?: number): Check => ({
  area,
  subject,
  status: 'ok',
  detail,
  ...(ms === undefined ? {} : { ms }),
});
export const fail = (area: CheckArea, subject: string, detail: string, fix: string): Check => ({
  area,
  subject,
  status: 'fail',
  detail,
  fix,
});
export const skip = (area: CheckArea, subject: string, why: string): Check => ({
  area,
  subject,
  status: 'skip',
  detail: why,
});
