/**
 * A selection that matches nothing is a failure, not a quiet success with zero targets: a typo'd
 * tag or region would otherwise leave resources unprotected without anyone hearing of it.
 */
import type { Selection } from '../policy/schema';
import type { Resource } from '../targets/types';

export const NOTHING_SELECTED = 'NothingSelected';

function describe(select: Selection): string {
  const parts: string[] = [];
  if (select.all) parts.push('all resources');
  if (select.ids.length > 0) parts.push(`ids ${select.ids.join(', ')}`);
  const tags = Object.entries(select.tags).map(([k, v]) => `${k}=${v}`);
  if (tags.length > 0) parts.push(`tags ${tags.join(', ')}`);
  parts.push(select.exclude.length > 0 ? `excluding ${select.exclude.join(', ')}` : 'no exclusions');
  return parts.join('; ');
}

/** Why a region (or, for a selection by ids only, every region) selected nothing. */
export function nothingSelectedMessage(select: Selection, regions: readonly string[]): string {
  return `nothing selected in ${regions.join(', ')} (${describe(select)}); set allowEmpty: true if that is expected`;
}

/** Ids alone name resources that live in one region: only the policy as a whole can be empty. */
export function checksEachRegion(select: Selection): boolean {
  return select.all || Object.keys(select.tags).length > 0;
}

/** Takes out the excluded resources, noting which exclusions matched something. */
export function applyExclusions(resources: Resource[], exclude: readonly string[], matched: Set<string>) {
  if (exclude.length === 0) return resources;
  const excluded = new Set(exclude);
  return resources.filter((r) => {
    if (!excluded.has(r.id)) return true;
    matched.add(r.id);
    return false;
  });
}

export function unmatchedExclusionWarnings(
  exclude: readonly string[],
  matched: ReadonlySet<string>,
): string[] {
  return exclude
    .filter((id) => !matched.has(id))
    .map((id) => `exclude ${id} matches no selected resource: a typo, or a resource that is gone`);
}
