/** Selection rules shared by every kind: all given tags must match, exclusions always win. */
import type { Resource } from './types';

export interface SelectionRule {
  ids: string[];
  tags: Record<string, string>;
  exclude: string[];
  all: boolean;
}

export function matchesTags(resource: Pick<Resource, 'tags'>, tags: Record<string, string>): boolean {
  return Object.entries(tags).every(([key, value]) => resource.tags[key] === value);
}

/** Applied after the cloud's own filtering too: a cloud filter that is looser than ours never widens a run. */
export function applySelection(resources: Resource[], select: SelectionRule): Resource[] {
  const ids = new Set(select.ids);
  const excluded = new Set(select.exclude);
  return resources.filter(
    (resource) =>
      !excluded.has(resource.id) &&
      (select.all || ids.size === 0 || ids.has(resource.id)) &&
      matchesTags(resource, select.tags),
  );
}

export function tagsFromPairs<T>(
  pairs: T[] | null | undefined,
  key: (p: T) => string,
  value: (p: T) => string,
) {
  const tags: Record<string, string> = {};
  for (const pair of pairs ?? []) tags[key(pair)] = value(pair);
  return tags;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Pages through an Offset/Limit API until it has `TotalCount` items (or a short page). */
export async function collectPages<T>(
  pageSize: number,
  fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { items, total } = await fetchPage(offset, pageSize);
    all.push(...items);
    if (items.length < pageSize || all.length >= total) return all;
  }
}
