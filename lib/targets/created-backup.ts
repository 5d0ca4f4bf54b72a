/**
 * A create's answer must name the backup it made. One that does not is not a success with an
 * empty id: it is a bad answer (`BadResponse`, transient), so the engine looks the backup up by
 * name, as after any answer it cannot trust, and takes the id from the listing.
 */
import { CloudError, type Cloud } from '../errors/cloud-error';
import type { CreatedBackup } from './types';

export function createdBackup(
  answer: { cloud: Cloud; api: string; field: string; requestId?: string },
  id: string | number | undefined | null,
): CreatedBackup {
  const backupId = id === undefined || id === null ? '' : String(id);
  if (backupId === '') {
    throw new CloudError({
      cloud: answer.cloud,
      api: answer.api,
      code: 'BadResponse',
      message: `the answer has no \`${answer.field}\`: the backup it made cannot be known from it`,
      requestId: answer.requestId,
    });
  }
  return { backupId, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
}
