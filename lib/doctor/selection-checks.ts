/**
 * What a policy's discovery must select, by the rules a run applies (lib/protection/selection.ts,
 * lib/engine/plan.ts): a region where tags or `all` select nothing is NothingSelected; with ids
 * alone only the policy as a whole can be empty, and an id no region has is an error; allowEmpty
 * makes emptiness fine.
 */
import { checksEachRegion, NOTHING_SELECTED, nothingSelectedMessage } from '../protection/selection';
import type { BackupPolicy } from '../policy/schema';
import type { Resource } from '../targets/types';
import { fail, ok, type Check } from './types';

type SelectingPolicy = Extract<BackupPolicy, { regions: string[] }>;

const fixFor = (policy: SelectingPolicy, regions: string[]) =>
  `check region ${regions.join(', ')} and select (ids, tags, exclude) of policy ${policy.name}`;

/** The line of a region whose discovery found nothing. */
export function emptyRegion(policy: SelectingPolicy, region: string): Check {
  const subject = `${policy.name} ${region}`;
  if (policy.allowEmpty) return ok('discovery', subject, 'nothing selected (allowEmpty: true)');
  if (!checksEachRegion(policy.select))
    return ok('discovery', subject, `none of the selected ids is in ${region}`);
  const message = nothingSelectedMessage(policy.select, [region]);
  return fail('discovery', subject, `${NOTHING_SELECTED}: ${message}`, fixFor(policy, [region]));
}

/**
 * Policy-wide lines once every region answered (`found` has each region's resources): an id
 * selection that found nothing anywhere, or ids that no region has.
 */
export function selectionChecks(policy: SelectingPolicy, found: Resource[][]): Check[] {
  if (found.length < policy.regions.length || checksEachRegion(policy.select) || policy.allowEmpty) return [];
  const all = found.flat();
  if (all.length === 0) {
    const message = nothingSelectedMessage(policy.select, policy.regions);
    return [
      fail('discovery', policy.name, `${NOTHING_SELECTED}: ${message}`, fixFor(policy, policy.regions)),
    ];
  }
  const ids = new Set(all.map((r) => r.id));
  const excluded = new Set(policy.select.exclude);
  const missing = policy.select.ids.filter((id) => !ids.has(id) && !excluded.has(id));
  if (missing.length === 0) return [];
  return [
    fail(
      'discovery',
      policy.name,
      `selected by id but not found in ${policy.regions.join(', ')}: ${missing.join(', ')}`,
      `correct the ids (or regions) of policy ${policy.name}`,
    ),
  ];
}
