/**
 * Discovery and listing per policy, through the targets' own code: each region's discovery must
 * select something (else `NothingSelected`), and one listing call of the first resource must
 * answer. A refusal that another line explains (the key, the clock, a permission) or an answer
 * lacking fields (the fields line) makes these lines "not checkable": one cause gives one ✗.
 */
import { CloudError } from '../errors/cloud-error';
import type { BackupPolicy } from '../policy/schema';
import { targetFor } from '../targets/registry';
import type { BackupTarget, EnsureTarget, Resource } from '../targets/types';
import type { RecordingClients } from './recording-clients';
import { refusalOf } from './refusals';
import { emptyRegion, selectionChecks } from './selection-checks';
import { fail, ok, skip, type Check, type CheckArea } from './types';

const SHOWN_IDS = 5;

type SelectingPolicy = Extract<BackupPolicy, { regions: string[] }>;
const FIELDS_LACKING = 'not checkable: an answer lacks fields scf-backup reads, see the fields line';

function errorCheck(
  area: CheckArea,
  subject: string,
  policy: string,
  region: string | undefined,
  error: unknown,
): Check {
  if (!(error instanceof CloudError)) throw error;
  if (error.httpStatus === undefined) {
    // No answer at all (refused connection, timeout): the endpoint line says which host.
    return skip(
      area,
      subject,
      `not checkable: ${error.api} got no answer (${error.code}), see the endpoint line`,
    );
  }
  const refusal = refusalOf(error);
  if (refusal === 'region' && region !== undefined) {
    return fail(
      area,
      subject,
      `${error.api} refused region ${region}: ${error.code}`,
      `correct region ${region} of policy ${policy}`,
    );
  }
  if (refusal && refusal !== 'region') {
    const line = refusal === 'key' ? 'credentials' : refusal;
    return skip(
      area,
      subject,
      `not checkable: ${error.api} was refused (${error.code}), see the ${line} line`,
    );
  }
  return fail(
    area,
    subject,
    `${error.api} failed: ${error.code}: ${error.cloudMessage}`,
    `correct what the cloud's answer names (region, ids, project) in policy ${policy}`,
  );
}

function idList(ids: string[]): string {
  const shown = ids.slice(0, SHOWN_IDS).join(', ');
  return ids.length > SHOWN_IDS ? `${shown} and ${ids.length - SHOWN_IDS} more` : shown;
}

/** Runs `step`; `lacking` when an answer it read lacked fields (its figures then mean nothing). */
async function watchFields<T>(
  recording: RecordingClients,
  step: () => Promise<T>,
): Promise<{ value: T; lacking: boolean }> {
  const before = recording.records.length;
  const value = await step();
  return { value, lacking: recording.records.slice(before).some((r) => r.fieldProblems.length > 0) };
}

interface RegionOutcome {
  checks: Check[];
  /** What the region selected, when its discovery could be checked. */
  found?: Resource[];
}

async function checkRegion(
  policy: SelectingPolicy,
  target: BackupTarget,
  region: string,
  recording: RecordingClients,
): Promise<RegionOutcome> {
  const subject = `${policy.name} ${region}`;
  const { clients } = recording;
  let discovered;
  try {
    discovered = await watchFields(recording, () => target.discover(policy, region, clients));
  } catch (error) {
    const why = 'not checkable: discovery failed';
    return {
      checks: [errorCheck('discovery', subject, policy.name, region, error), skip('listing', subject, why)],
    };
  }
  if (discovered.lacking) {
    return { checks: [skip('discovery', subject, FIELDS_LACKING), skip('listing', subject, FIELDS_LACKING)] };
  }
  const resources = discovered.value;
  if (resources.length === 0) {
    const none = skip('listing', subject, 'not checkable: nothing selected to list');
    return { checks: [emptyRegion(policy, region), none], found: [] };
  }
  return { checks: await listFirst(policy, target, region, resources, recording), found: resources };
}

async function listFirst(
  policy: SelectingPolicy,
  target: BackupTarget,
  region: string,
  resources: Resource[],
  recording: RecordingClients,
): Promise<Check[]> {
  const subject = `${policy.name} ${region}`;
  const { clients } = recording;
  const ids = resources.map((r) => r.id);
  const found = ok('discovery', subject, `${resources.length} selected: ${idList(ids)}`);
  const first = resources.slice(0, 1);
  try {
    const listed = await watchFields(recording, () => target.listBackups(policy, region, first, clients));
    if (listed.lacking) return [found, skip('listing', subject, FIELDS_LACKING)];
    const count = listed.value.get(ids[0] ?? '')?.length ?? 0;
    return [found, ok('listing', subject, `${count} backup${count === 1 ? '' : 's'} of ${ids[0]} listed`)];
  } catch (error) {
    return [found, errorCheck('listing', subject, policy.name, region, error)];
  }
}

async function checkEnsure(
  policy: BackupPolicy,
  target: EnsureTarget,
  recording: RecordingClients,
): Promise<Check[]> {
  const subject = policy.name;
  let checked;
  try {
    checked = await watchFields(recording, () => target.check(policy, recording.clients));
  } catch (error) {
    return [errorCheck('discovery', subject, policy.name, undefined, error)];
  }
  if (checked.lacking) return [skip('discovery', subject, FIELDS_LACKING)];
  const problems = checked.value.filter((c) => c.decision === 'drift' || c.decision === 'unavailable');
  if (problems.length > 0) {
    return problems.map((c) =>
      fail(
        'discovery',
        `${subject} ${c.resourceId}`,
        c.reason ?? c.decision,
        `make repository ${c.resourceId} match policy ${policy.name}, or change the policy`,
      ),
    );
  }
  const toCreate = checked.value.filter((c) => c.decision === 'create').map((c) => c.resourceId);
  const present = checked.value.length - toCreate.length;
  const later =
    toCreate.length > 0 ? `, ${toCreate.length} to create on the first run (${idList(toCreate)})` : '';
  return [ok('discovery', subject, `${present} present${later}`)];
}

/** `unusable`: regions without a project id (the project line says why): not called at all. */
export async function checkPolicy(
  policy: BackupPolicy,
  recording: RecordingClients,
  unusable: ReadonlySet<string> = new Set(),
): Promise<Check[]> {
  const target = targetFor(policy);
  if (target.mode === 'ensure') return checkEnsure(policy, target, recording);
  if (!('regions' in policy)) return [];
  const checks: Check[] = [];
  const found: Resource[][] = [];
  for (const region of policy.regions) {
    if (unusable.has(region)) {
      const why = 'not checkable: no project id, see the project line';
      checks.push(
        skip('discovery', `${policy.name} ${region}`, why),
        skip('listing', `${policy.name} ${region}`, why),
      );
      continue;
    }
    const outcome = await checkRegion(policy, target, region, recording);
    checks.push(...outcome.checks);
    if (outcome.found) found.push(outcome.found);
  }
  return [...checks, ...selectionChecks(policy, found)];
}
