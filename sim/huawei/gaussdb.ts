/**
 * GaussDB(for MySQL) backup APIs under `/v3/{project_id}` (the GaussDB(for MySQL) API reference).
 * Errors are `DBS.*` codes with their documented HTTP statuses.
 */
import type { HuaweiRouteRequest, HuaweiRouteResponse, HuaweiRouteSpec } from '../types';
import { HuaweiApiError } from '../types';
import { formatGaussTime, parseOffsetTime } from './format';
import { listInstances } from './gaussdb-instances';
import { dbsParamError as paramError, defineRoute } from './routing';
import type { GaussBackup, HuaweiState } from './state';
import { GAUSS_PENDING, gaussBackupStatus, stableSize } from './state';
import { isGaussDescription, isGaussName, isPlainObject, optionalText, page, readIntParam } from './validate';

export function renderBackup(state: HuaweiState, b: GaussBackup, nowMs: number): Record<string, unknown> {
  const status = gaussBackupStatus(state, b, nowMs);
  const building = status === GAUSS_PENDING;
  const instance = state.instances.find((g) => g.id === b.instanceId);
  return {
    id: b.id,
    name: b.name,
    description: b.description,
    begin_time: formatGaussTime(b.beginMs),
    // UNCONFIRMED: end_time while BUILDING; null (the SDK types it optional).
    end_time: building ? null : formatGaussTime(b.beginMs + state.transitionMs),
    status,
    take_up_time: building ? 0 : Math.max(1, Math.round(state.transitionMs / 60_000)),
    type: b.type,
    size: building ? 0 : b.sizeMb,
    datastore: { type: 'gaussdb-mysql', version: '8.0' },
    instance_id: b.instanceId,
    instance_name: instance?.name ?? '',
  };
}

function createBackup(state: HuaweiState, { body, nowMs }: HuaweiRouteRequest): HuaweiRouteResponse {
  if (!isPlainObject(body)) throw paramError('the request body is required');
  const { instance_id: instanceId, name, description } = body;
  if (typeof instanceId !== 'string' || instanceId === '') throw paramError('instance_id is required');
  if (name === undefined || name === null) throw paramError('name is required');
  if (!isGaussName(name)) throw new HuaweiApiError(400, 'DBS.201210', 'Invalid backup name.');
  const text = optionalText(description);
  if (!isGaussDescription(text)) throw new HuaweiApiError(400, 'DBS.280127', 'Invalid backup description.');
  // UNCONFIRMED: DBS.200002 (404, "DB instance does not exist") from the shared DBS table; the
  // SDK's sample error uses DBS.200022 for the same words.
  const instance = state.instances.find((g) => g.id === instanceId);
  if (!instance) throw new HuaweiApiError(404, 'DBS.200002', 'The DB instance does not exist.');
  // UNCONFIRMED: TaurusDB documents no uniqueness rule. Names are refused when already used in
  // the project (GaussDB table's 409 DBS.201209), so a client must put the instance in its names.
  if (state.backups.some((b) => b.name === name)) {
    throw new HuaweiApiError(409, 'DBS.201209', 'The backup name already exists.');
  }
  // UNCONFIRMED: one backup at a time per instance is not documented; DBS.200019 (409) is the
  // shared "another operation is in progress" code (reference §8.1).
  if (
    state.backups.some(
      (b) => b.instanceId === instanceId && gaussBackupStatus(state, b, nowMs) === GAUSS_PENDING,
    )
  ) {
    throw new HuaweiApiError(409, 'DBS.200019', 'Another operation is being performed on the DB instance.');
  }
  const id = state.ids.gaussBackupId();
  const backup: GaussBackup = {
    id,
    instanceId,
    name,
    description: text as string,
    beginMs: nowMs,
    type: 'manual',
    status: GAUSS_PENDING,
    ...(state.failsBackupOf(instanceId) ? { failing: true } : {}),
    sizeMb: stableSize(id, 20_000),
  };
  state.backups.push(backup);
  const shown = {
    id,
    name,
    description: backup.description,
    begin_time: formatGaussTime(nowMs),
    status: GAUSS_PENDING,
    type: 'manual',
    instance_id: instanceId,
  };
  return { status: 201, body: { backup: shown, job_id: state.ids.uuid() } };
}

function readTime(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  // A `+` left unencoded in the query arrives as a space and is refused, as a servlet would.
  const ms = parseOffsetTime(raw);
  if (ms === undefined) throw paramError(`${name} must be yyyy-mm-ddThh:mm:ss+hhmm`);
  return ms;
}

function listBackups(state: HuaweiState, { query, nowMs }: HuaweiRouteRequest): HuaweiRouteResponse {
  const offset = readIntParam(query, 'offset', { min: 0, fallback: 0 });
  const limit = readIntParam(query, 'limit', { min: 1, max: 100, fallback: 100 });
  if (offset === null || offset === undefined) throw paramError('offset must be an integer of at least 0');
  if (limit === null || limit === undefined) throw paramError('limit must be an integer from 1 to 100');
  const backupType = query.get('backup_type');
  if (backupType !== null && backupType !== 'auto' && backupType !== 'manual') {
    throw paramError('backup_type must be auto or manual');
  }
  const from = readTime(query, 'begin_time');
  const to = readTime(query, 'end_time');
  if (from !== undefined && to !== undefined && to <= from)
    throw paramError('end_time must be later than begin_time');
  const exact: Array<[string, (b: GaussBackup) => string]> = [
    ['instance_id', (b) => b.instanceId],
    ['backup_id', (b) => b.id],
    ['name', (b) => b.name], // UNCONFIRMED: exact match (the document does not say fuzzy)
    ['instance_name', (b) => state.instances.find((g) => g.id === b.instanceId)?.name ?? ''],
  ];
  const matching = state.backups
    .filter((b) => exact.every(([param, field]) => !query.has(param) || query.get(param) === field(b)))
    .filter((b) => backupType === null || b.type === backupType)
    // UNCONFIRMED: the time window selects backups whose begin_time lies within it (inclusive).
    .filter((b) => (from === undefined || b.beginMs >= from) && (to === undefined || b.beginMs <= to))
    // UNCONFIRMED: order; newest first.
    .sort((a, b) => b.beginMs - a.beginMs || a.id.localeCompare(b.id));
  const backups = page(matching, offset, limit).map((b) => renderBackup(state, b, nowMs));
  return { status: 200, body: { backups, total_count: matching.length } };
}

function deleteBackup(state: HuaweiState, { params, nowMs }: HuaweiRouteRequest): HuaweiRouteResponse {
  const backup = state.backups.find((b) => b.id === params.backup_id);
  // UNCONFIRMED: an unknown backup id gets 400 DBS.280124 ("Invalid backup ID", the documented
  // backup-id code), not a 404: a client must not read the refusal as "already deleted".
  if (!backup) throw new HuaweiApiError(400, 'DBS.280124', 'Invalid backup ID.');
  // UNCONFIRMED: the codes for these documented refusals; both are the generic 400 DBS.200001.
  if (backup.type === 'auto') throw paramError('automated backups cannot be deleted');
  if (gaussBackupStatus(state, backup, nowMs) === GAUSS_PENDING) {
    throw paramError('a backup that is being created cannot be deleted');
  }
  state.backups.splice(state.backups.indexOf(backup), 1);
  return { status: 200, body: { backup_id: backup.id, backup_name: backup.name } };
}

export function createGaussRoutes(state: HuaweiState): HuaweiRouteSpec[] {
  return [
    defineRoute(state, 'gaussdb', 'CreateGaussMySqlBackup', 'POST', '/backups/create', createBackup),
    defineRoute(state, 'gaussdb', 'ShowGaussMySqlBackupList', 'GET', '/backups', listBackups),
    defineRoute(
      state,
      'gaussdb',
      'DeleteGaussMySqlBackup',
      'DELETE',
      '/backups/(?<backup_id>[^/]+)',
      deleteBackup,
    ),
    defineRoute(state, 'gaussdb', 'ListGaussMySqlInstances', 'GET', '/instances', listInstances),
    // The recommended listing (huaweicloud-sdk-go-v3 1cd70eb6f730ea721771a6ec8d96352bbb801787,
    // gaussDB_meta.go ListGaussMySqlInstancesUnifyStatus): same query and answer fields we use.
    {
      ...defineRoute(
        state,
        'gaussdb',
        'ListGaussMySqlInstancesUnifyStatus',
        'GET',
        '/instances',
        listInstances,
      ),
      path: /^\/v3\.1\/(?<project_id>[^/]+)\/instances\/?$/,
    },
  ];
}
