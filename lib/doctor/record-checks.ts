/**
 * Lines drawn from the calls the policy checks made: whether each cloud accepted the keys,
 * whether each answer had the fields the client reads, and which permissions were exercised.
 */
import type { Cloud } from '../errors/cloud-error';
import type { CallRecord } from './recording-clients';
import { KEY_VARIABLES, refusalOf } from './refusals';
import { fail, ok, skip, type Check } from './types';

/** `clockOff`: the clock line failed, so a signature refused as expired is the clock's doing. */
export function credentialsCheck(cloud: Cloud, records: CallRecord[], clockOff: boolean): Check {
  const mine = records.filter((r) => r.cloud === cloud);
  const refused = mine.find((r) => r.error && refusalOf(r.error) === 'key');
  if (refused?.error) {
    return fail(
      'credentials',
      cloud,
      `${refused.api} refused the key: ${refused.error.code}`,
      `check ${KEY_VARIABLES[cloud]}: the key must exist, be enabled and be copied without spaces`,
    );
  }
  // Any answer of the API itself is proof too: the signature is checked before anything else.
  const accepted = mine.find(
    (r) =>
      !r.error || (r.error.httpStatus !== undefined && !['key', 'clock'].includes(refusalOf(r.error) ?? '')),
  );
  if (accepted) return ok('credentials', cloud, `keys accepted (${accepted.api} answered)`);
  const expired = mine.find((r) => r.error && refusalOf(r.error) === 'clock');
  if (expired?.error && clockOff) {
    return skip(
      'credentials',
      cloud,
      'not checkable: signatures were refused as expired, see the clock line',
    );
  }
  if (expired?.error) {
    // The clock agrees with the cloud's, so what expired is the key: a temporary one past its time.
    return fail(
      'credentials',
      cloud,
      `${expired.api} refused the signature as expired (${expired.error.code}) while the clock agrees with the cloud's`,
      `renew the temporary key: ${KEY_VARIABLES[cloud]}`,
    );
  }
  const first = mine[0];
  return skip(
    'credentials',
    cloud,
    first?.error
      ? `not checkable: no call was answered (${first.error.code})`
      : 'not checkable: no call was made',
  );
}

/** One line per API that answered: the fields the target reads all there, or which are not. */
export function fieldChecks(records: CallRecord[]): Check[] {
  const byApi = new Map<string, Set<string>>();
  for (const record of records) {
    if (record.error) continue;
    const problems = byApi.get(record.api) ?? new Set<string>();
    for (const problem of record.fieldProblems) problems.add(problem);
    byApi.set(record.api, problems);
  }
  return [...byApi].map(([api, problems]) =>
    problems.size === 0
      ? ok('fields', api, 'the answer has every field scf-backup reads')
      : fail(
          'fields',
          api,
          [...problems].join('; '),
          'the cloud answers in a shape scf-backup does not read: do not enable the timers; report these field names',
        ),
  );
}
