/**
 * CDB 2017-03-20 backups: CreateBackup, DescribeBackups, DeleteBackup (the CDB
 * 2017-03-20 API documentation, CreateBackup's error list). DescribeDBInstances is in cdb-instances.ts.
 */
import { TencentApiError, type TencentActionSpec } from '../types';
import { describeDbInstancesAction } from './cdb-instances';
import { charLength, chinaDateTime, compactChinaStamp } from './format';
import { page, type Params, invalidValue, tencentAction, readParams, requireRegion } from './params';
import { mysqlBackupProgress, type MysqlBackupRecord, type MysqlRecord, type TencentState } from './state';

const SERVICE = 'cdb';
const VERSION = '2017-03-20';
const BACKUP_METHODS = ['logical', 'physical', 'snapshot'] as const;
const MAX_MANUAL_NAME_CHARS = 60;
// UNCONFIRMED: DescribeBackups' Limit maximum is 1000 in the Chinese doc and the SDK but 100 in
// the international doc. The simulator takes the stricter 100, so a client that works here
// works against either.
const BACKUP_PAGING = { defaultLimit: 20, maxLimit: 100 } as const;
const CREATOR_UIN = '100000000001';

const CREATE_PARAMS = {
  InstanceId: 'string',
  BackupMethod: 'string',
  BackupDBTableList: 'backupItems',
  ManualBackupName: 'string',
  EncryptionFlag: 'string',
} as const;
const DESCRIBE_PARAMS = { InstanceId: 'string', Offset: 'integer', Limit: 'integer' } as const;
// BackupId is an Integer, but the documented sample request sends "173381": accept both.
const DELETE_PARAMS = { InstanceId: 'string', BackupId: 'integerLike' } as const;

function findInstance(state: TencentState, id: string | undefined, region: string | undefined): MysqlRecord {
  const instance = state.instances.get(id ?? '');
  if (!instance || (region !== undefined && instance.region !== region)) {
    throw new TencentApiError('InvalidParameter.InstanceNotFound', `The instance \`${id}\` does not exist.`);
  }
  return instance;
}

function renderBackup(state: TencentState, b: MysqlBackupRecord, nowMs: number): Record<string, unknown> {
  const progress = mysqlBackupProgress(state, b, nowMs);
  const done = progress.status === 'SUCCESS';
  const fileName = `${b.instanceId}_backup_${compactChinaStamp(b.startedMs)}`;
  return {
    Name: fileName,
    Size: done ? 1_048_576 + (b.id % 1000) * 4096 : 0,
    Date: chinaDateTime(b.startedMs),
    IntranetUrl: done ? `http://cdb-backup.internal/${b.region}/${fileName}` : '',
    InternetUrl: done ? `https://cdb-backup.example.com/${b.region}/${fileName}` : '',
    // UNCONFIRMED: the docs list only logical|physical for Type; a snapshot backup reports `snapshot`.
    Type: b.method,
    BackupId: b.id,
    Status: progress.status,
    // UNCONFIRMED: FinishTime of a backup still running is empty.
    FinishTime: progress.finishedMs === undefined ? '' : chinaDateTime(progress.finishedMs),
    Creator: b.way === 'automatic' ? 'SYSTEM' : CREATOR_UIN,
    StartTime: chinaDateTime(b.startedMs),
    Method: b.partial ? 'partial' : 'full',
    Way: b.way,
    ManualBackupName: b.manualName,
    SaveMode: 'save_mode_regular',
    Region: b.region,
    RemoteInfo: [],
    CosStorageType: 0,
    InstanceId: b.instanceId,
    Progress: progress.progress,
    EncryptionFlag: 'off',
    ExecutedGTIDSet: '',
    MD5: '',
  };
}

function validateCreate(p: Params<typeof CREATE_PARAMS>): void {
  const method = p.BackupMethod ?? '';
  if (!(BACKUP_METHODS as readonly string[]).includes(method)) {
    throw invalidValue('BackupMethod', 'must be logical, physical or snapshot');
  }
  if (p.BackupDBTableList && method !== 'logical') {
    throw new TencentApiError(
      'InvalidParameter',
      '`BackupDBTableList` can be set only when `BackupMethod` is logical.',
    );
  }
  if (p.BackupDBTableList?.some((item) => item.Db === ''))
    throw invalidValue('BackupDBTableList.Db', 'must not be empty');
  if (p.ManualBackupName !== undefined && charLength(p.ManualBackupName) > MAX_MANUAL_NAME_CHARS) {
    throw invalidValue('ManualBackupName', `at most ${MAX_MANUAL_NAME_CHARS} characters`);
  }
  if (p.EncryptionFlag !== undefined && p.EncryptionFlag !== 'on' && p.EncryptionFlag !== 'off') {
    throw invalidValue('EncryptionFlag', 'must be on or off');
  }
}

function isRunning(state: TencentState, instanceId: string, nowMs: number): boolean {
  for (const b of state.mysqlBackups.values()) {
    if (b.instanceId === instanceId && mysqlBackupProgress(state, b, nowMs).status === 'RUNNING') return true;
  }
  return false;
}

export function createCdbActions(state: TencentState): TencentActionSpec[] {
  const action = tencentAction(SERVICE, VERSION);
  return [
    // The seed says Region is not required for CreateBackup: the instance id is enough.
    action('CreateBackup', ({ params, region, nowMs }) => {
      const p = readParams(params, CREATE_PARAMS, ['InstanceId', 'BackupMethod']);
      validateCreate(p);
      const instance = findInstance(state, p.InstanceId, region);
      // UNCONFIRMED: a read-only or disaster-recovery instance is backed up through its primary;
      // CreateBackup on it answers OperationDenied.ActionNotSupport (one of CreateBackup's
      // documented codes, "unsupported operation").
      if (instance.role !== 'primary') {
        throw new TencentApiError(
          'OperationDenied.ActionNotSupport',
          `The instance \`${instance.id}\` is a ${instance.role === 'dr' ? 'disaster-recovery' : 'read-only'} instance: back up its primary.`,
        );
      }
      // UNCONFIRMED: a basic-edition instance asked for a logical or physical backup answers
      // OperationDenied.ActionNotSupport (documented for CreateBackup as "unsupported operation"):
      // the value is valid, the instance cannot do it, which is not InvalidParameterValue.
      if (instance.edition === 'basic' && p.BackupMethod !== 'snapshot') {
        throw new TencentApiError(
          'OperationDenied.ActionNotSupport',
          `The basic-edition instance \`${instance.id}\` supports only snapshot backups.`,
        );
      }
      // UNCONFIRMED: high-availability instances accept all three methods, snapshot included.
      if (isRunning(state, instance.id, nowMs)) {
        throw new TencentApiError(
          'OperationDenied.ActionInProcess',
          `The instance \`${instance.id}\` is running a backup.`,
        );
      }
      const id = state.nextMysqlBackupId++;
      state.mysqlBackups.set(id, {
        id,
        instanceId: instance.id,
        region: instance.region,
        manualName: p.ManualBackupName ?? '',
        method: p.BackupMethod as MysqlBackupRecord['method'],
        partial: (p.BackupDBTableList?.length ?? 0) > 0,
        way: 'manual',
        startedMs: nowMs,
        status: 'RUNNING',
        ...(state.failsBackupOf(instance.id) ? { failing: true } : {}),
      });
      return { BackupId: id };
    }),
    action('DescribeBackups', ({ params, region, nowMs }) => {
      const p = readParams(params, DESCRIBE_PARAMS, ['InstanceId']);
      const instance = findInstance(state, p.InstanceId, requireRegion(region));
      // UNCONFIRMED: newest first, the order the console lists backups in.
      const matching = [...state.mysqlBackups.values()]
        .filter((b) => b.instanceId === instance.id)
        .sort((a, b) => b.startedMs - a.startedMs || b.id - a.id);
      const selected = page(matching, p.Offset, p.Limit, BACKUP_PAGING);
      return { TotalCount: matching.length, Items: selected.map((b) => renderBackup(state, b, nowMs)) };
    }),
    action('DeleteBackup', ({ params, region, nowMs }) => {
      const p = readParams(params, DELETE_PARAMS, ['InstanceId', 'BackupId']);
      const instance = findInstance(state, p.InstanceId, requireRegion(region));
      const backup = state.mysqlBackups.get(p.BackupId ?? -1);
      // UNCONFIRMED: an unknown backup id (or one of another instance) is InvalidParameter; the
      // documented list has no not-found code for DeleteBackup.
      if (!backup || backup.instanceId !== instance.id) {
        throw new TencentApiError(
          'InvalidParameter',
          `The backup \`${p.BackupId}\` does not exist on \`${instance.id}\`.`,
        );
      }
      if (backup.way === 'automatic') {
        throw new TencentApiError(
          'CdbError.BackupError',
          `The backup \`${backup.id}\` is automatic; only manual backups can be deleted.`,
        );
      }
      // UNCONFIRMED: deleting a running backup answers OperationDenied.ActionInProcess (CDB's code
      // for "the instance is performing another task"; DeleteBackup's own list has no such code).
      if (mysqlBackupProgress(state, backup, nowMs).status === 'RUNNING') {
        throw new TencentApiError(
          'OperationDenied.ActionInProcess',
          `The backup \`${backup.id}\` is still running.`,
        );
      }
      state.mysqlBackups.delete(backup.id);
      return {};
    }),
    action('DescribeDBInstances', describeDbInstancesAction(state)),
  ];
}

export function cdbSnapshot(state: TencentState, nowMs: number): unknown {
  return [...state.mysqlBackups.values()].map((b) => renderBackup(state, b, nowMs));
}
