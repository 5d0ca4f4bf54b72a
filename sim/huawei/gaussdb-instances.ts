/**
 * ListGaussMySqlInstances, `GET /v3/{project_id}/instances` (the GaussDB(for MySQL) API reference): the
 * discovery call, with the `tags` filter that tag selection depends on.
 */
import type { HuaweiRouteRequest, HuaweiRouteResponse } from '../types';
import { formatGaussTime, uuidFromKey } from './format';
import { dbsParamError as paramError } from './routing';
import type { GaussInstance, HuaweiState } from './state';
import { stableSize } from './state';
import { page, readIntParam } from './validate';

export function renderInstance(g: GaussInstance): Record<string, unknown> {
  const vpcId = uuidFromKey(`${g.id}:vpc`);
  return {
    id: g.id,
    name: g.name,
    status: 'ACTIVE',
    private_ips: [`192.168.${stableSize(`${g.id}:net`, 250)}.${stableSize(`${g.id}:host`, 250)}`],
    readonly_private_ips: [],
    proxy_ips: [],
    public_ips: [],
    port: '3306',
    type: 'Cluster',
    region: g.region,
    datastore: { type: 'gaussdb-mysql', version: '8.0' },
    created: formatGaussTime(g.createdMs),
    updated: formatGaussTime(g.createdMs),
    db_user_name: 'root',
    vpc_id: vpcId,
    subnet_id: uuidFromKey(`${g.id}:subnet`),
    security_group_id: uuidFromKey(`${g.id}:sg`),
    flavor_ref: 'gaussdb.mysql.xlarge.x86.4',
    volume: { type: 'POOL', size: '10' },
    backup_strategy: { start_time: '19:00-20:00', keep_days: '7' },
    enterprise_project_id: '0',
    time_zone: 'UTC+08:00',
    charge_info: { charge_mode: 'postPaid' },
    tags: Object.entries(g.tags).map(([key, value]) => ({ key, value })),
  };
}

/**
 * `tags=k1=v1,k2=v2`: pairs ANDed, a key at most once. UNCONFIRMED: how `=` or `,` inside a key
 * or value is escaped; here the first `=` splits a pair and no escape exists. A pair without `=`
 * or with an empty key is refused.
 */
export function parseTagFilter(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) throw paramError(`tags must be key=value pairs separated by commas: "${part}"`);
    const key = part.slice(0, at);
    if (pairs.some(([k]) => k === key)) throw paramError(`tags repeats the key "${key}"`);
    pairs.push([key, part.slice(at + 1)]);
  }
  return pairs;
}

/**
 * `id` and `name`: exact, or fuzzy when the value starts with `*`; `*` alone is refused.
 * UNCONFIRMED: fuzzy means "contains the rest", case-sensitive.
 */
function textMatcher(query: URLSearchParams, name: string): (value: string) => boolean {
  const raw = query.get(name);
  if (raw === null) return () => true;
  if (raw === '*') throw paramError(`${name} cannot be "*" alone`);
  if (raw.startsWith('*')) return (value) => value.includes(raw.slice(1));
  return (value) => value === raw;
}

/** Filters on fields whose only allowed value is fixed: another value is refused (UNCONFIRMED). */
const FIXED_VALUES = { type: 'Cluster', datastore_type: 'gaussdb-mysql' } as const;

const FIELD_FILTERS = ['vpc_id', 'subnet_id', 'private_ip', 'readonly_private_ip', 'proxy_ip'] as const;

function fieldValues(shown: Record<string, unknown>, param: (typeof FIELD_FILTERS)[number]): unknown[] {
  if (param === 'vpc_id' || param === 'subnet_id') return [shown[param]];
  return (shown[`${param}s`] as unknown[] | undefined) ?? [];
}

export function listInstances(state: HuaweiState, { query }: HuaweiRouteRequest): HuaweiRouteResponse {
  const offset = readIntParam(query, 'offset', { min: 0, fallback: 0 });
  const limit = readIntParam(query, 'limit', { min: 1, max: 100, fallback: 100 });
  if (offset === null || offset === undefined) throw paramError('offset must be an integer of at least 0');
  if (limit === null || limit === undefined) throw paramError('limit must be an integer from 1 to 100');
  for (const [param, only] of Object.entries(FIXED_VALUES)) {
    if (query.has(param) && query.get(param) !== only) throw paramError(`${param} supports only ${only}`);
  }
  const idMatches = textMatcher(query, 'id');
  const nameMatches = textMatcher(query, 'name');
  const rawTags = query.get('tags');
  const tags = rawTags === null ? [] : parseTagFilter(rawTags);
  // UNCONFIRMED: order; the seed's, which is creation order.
  const matching = state.instances
    .filter((g) => idMatches(g.id) && nameMatches(g.name))
    .filter((g) => tags.every(([key, value]) => g.tags[key] === value))
    .map(renderInstance)
    .filter((shown) =>
      FIELD_FILTERS.every((p) => !query.has(p) || fieldValues(shown, p).includes(query.get(p))),
    );
  return { status: 200, body: { instances: page(matching, offset, limit), total_count: matching.length } };
}
