/**
 * Whether each write action could be checked without side effects, and how. The doctor sends
 * none of them (it is read-only); the lines say what a call with a made-up id would answer, where
 * the API's error list tells "no permission" apart from "not found" (codes from the SDKs' error
 * lists of each API's documentation), and which cannot.
 */
import { TARGETS } from '../targets/registry';
import type { WriteCheck } from '../targets/types';

/** Tencent CAM's refusal, common to every API 3.0 action (common error codes). */
const CAM_REFUSED = 'AuthFailure.UnauthorizedOperation';

/** The table below, then each registered kind's own (its descriptor's `writeChecks`). */
const BUILT_IN_CHECKS: Readonly<Record<string, WriteCheck>> = {
  'cbs.CreateDiskBackup': {
    checkable: true,
    how: `a CreateDiskBackup of a made-up DiskId answers ${CAM_REFUSED} without the grant, InvalidDiskId.NotFound with it`,
  },
  'cbs.DeleteDiskBackups': {
    checkable: true,
    how: `a DeleteDiskBackups of a made-up DiskBackupId answers ${CAM_REFUSED} without the grant, ResourceNotFound.NotFound with it`,
  },
  'cdb.CreateBackup': {
    checkable: true,
    how: 'a CreateBackup of a made-up InstanceId answers OperationDenied.UserHasNoStrategy (or AuthFailure) without the grant, InvalidParameter.InstanceNotFound with it',
  },
  'cdb.DeleteBackup': {
    checkable: true,
    how: 'a DeleteBackup of a made-up InstanceId answers OperationDenied.UserHasNoStrategy without the grant, InvalidParameter.InstanceNotFound with it',
  },
  'tke.CreateBackupStorageLocation': {
    checkable: false,
    how: 'CreateBackupStorageLocation takes no id to make up: a call that passes permission creates a repository',
  },
  'dws.CreateSnapshot': {
    checkable: false,
    how: 'DWS answers DWS.0015 (403) both for "no permission" and "no such cluster", so a CreateSnapshot of a made-up cluster proves nothing',
  },
  'dws.DeleteSnapshot': {
    checkable: false,
    how: 'DWS answers DWS.0015 (403) both for "no permission" and "no such snapshot", so a DeleteSnapshot of a made-up id proves nothing',
  },
  'gaussdb.CreateGaussMySqlBackup': {
    checkable: true,
    how: 'a CreateGaussMySqlBackup of a made-up instance_id answers DBS.200010 (403) without the grant, DBS.200002 (404, no such instance) with it',
  },
  'gaussdb.DeleteGaussMySqlBackup': {
    checkable: true,
    how: 'a DeleteGaussMySqlBackup of a made-up backup id answers DBS.200010 (403) without the grant, DBS.280124 (400, invalid backup ID) with it',
  },
  'scf.Invoke': {
    checkable: true,
    how: `an Invoke of a made-up function under the granted prefix answers ${CAM_REFUSED} without the grant, ResourceNotFound.Function with it`,
  },
};

const WRITE_CHECKS: Readonly<Record<string, WriteCheck>> = Object.assign(
  {},
  BUILT_IN_CHECKS,
  ...Object.values(TARGETS).map((target) => target.writeChecks ?? {}),
);

/** The `–` line's text for a write action. */
export function writeActionNote(api: string): string {
  const check = WRITE_CHECKS[api];
  if (!check) return 'not checked: the doctor makes no write call';
  return check.checkable
    ? `not sent (the doctor makes no write call); checkable without side effects: ${check.how}`
    : `not checkable without side effects: ${check.how}`;
}
