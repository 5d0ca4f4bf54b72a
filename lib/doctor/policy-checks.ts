/**
 * Discovery and listing per policy, through the targets' own code: each region's discovery must
 * select something (else `NothingSelected`), and one listing call of the first resource must
 * answer. A refusal that another line explains (the key, the clock, a permission) makes these
 * lines "not checkable", so one cause gives one ✗.
 */
import { CloudError } from '../cloud/errors';
import type { BackupPolicy } from '../policy/schema';
import { targetFor } from '../targets/registry';
import type { BackupTarget, CloudClients, EnsureTarget } from '../targets/types';
import { refusalOf } from './refusals';
import { fail, ok, skip, type Check, type CheckArea } from './types';

const SHOWN_IDS = 5;

function errorCheck(area: CheckArea, subject: string, error: unknown): Check {
  if (!(error instanceof CloudError)) throw error;
  const refusal = refusalOf(error);
  if (refusal) {
    const line = refusal === 'permission' ? 'permission' : refusal === 'clock' ? 'clock' : 'credentials';
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
    `correct what the cloud's answer names (region, ids, project) in policy ${subject.split(' ')[0]}`,
  );
}

function idList(ids: string[]): string {
  const shown = ids.slice(0, SHOWN_IDS).join(', ');
  return ids.length > SHOWN_IDS ? `${shown} and ${ids.length - SHOWN_IDS} more` : shown;
}

async function checkRegion(
  policy: BackupPolicy,
  target: BackupTarget,
  region: string,
  clients: CloudClients,
): Promise<Check[]> {
  const subject = `${policy.name} ${region}`;
  let resources;
  try {
    resources = await target.discover(policy, region, clients);
  } catch (error) {
    return [
      errorCheck('discovery', subject, error),
      skip('listing', subject, 'not checkable: discovery failed'),
    ];
  }
  if (resources.length === 0) {
    return [
      fail(
        'discovery',
        subject,
        `NothingSelected: no ${policy.kind} resource in ${region} matches the policy's selection`,
        `check select (ids, tags, exclude) and regions of policy ${policy.name}`,
      ),
      skip('listing', subject, 'not checkable: nothing selected to list'),
    ];
  }
  const found = ok(
    'discovery',
    subject,
    `${resources.length} selected: ${idList(resources.map((r) => r.id))}`,
  );
  const first = resources.slice(0, 1);
  try {
    const backups = await target.listBackups(policy, region, first, clients);
    const count = backups.get(first[0]?.id ?? '')?.length ?? 0;
    return [found, ok('listing', subject, `${count} backups of ${first[0]?.id} listed`)];
  } catch (error) {
    return [found, errorCheck('listing', subject, error)];
  }
}

async function checkEnsure(
  policy: BackupPolicy,
  target: EnsureTarget,
  clients: CloudClients,
): Promise<Check[]> {
  const subject = policy.name;
  try {
    const checks = await target.check(policy, clients);
    const problems = checks.filter((c) => c.decision === 'drift' || c.decision === 'unavailable');
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
    const toCreate = checks.filter((c) => c.decision === 'create').map((c) => c.resourceId);
    const present = checks.length - toCreate.length;
    const detail = `${present} present${toCreate.length > 0 ? `, ${toCreate.length} to create on the first run (${idList(toCreate)})` : ''}`;
    return [ok('discovery', subject, detail)];
  } catch (error) {
    return [errorCheck('discovery', subject, error)];
  }
}

export async function checkPolicy(policy: BackupPolicy, clients: CloudClients): Promise<Check[]> {
  const target = targetFor(policy);
  if (target.mode === 'ensure') return checkEnsure(policy, target, clients);
  const regions = 'regions' in policy ? policy.regions : [];
  const checks: Check[] = [];
  for (const region of regions) checks.push(...(await checkRegion(policy, target, region, clients)));
  return checks;
}
