/**
 * Lines drawn from the calls the policy checks made: whether each cloud accepted the keys,
 * whether each answer had the fields the client reads, and which permissions were exercised.
 */
import type { Cloud } from '../cloud/errors';
import type { CallRecord } from './recording-clients';
import { KEY_VARIABLES, refusalOf } from './refusals';
import { fail, ok, skip, type Check } from './types';

export function credentialsCheck(cloud: Cloud, records: CallRecord[]): Check {
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
  if (mine.some((r) => r.error && refusalOf(r.error) === 'clock')) {
    return skip(
      'credentials',
      cloud,
      'not checkable: signatures were refused as expired, see the clock line',
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
