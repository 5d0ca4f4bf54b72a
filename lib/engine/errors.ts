import { CloudError } from '../cloud/errors';
import type { ReportedError } from './types';

/** The cloud's code, message and request id when there is one; otherwise the error's own words. */
export function reportedError(error: unknown): ReportedError {
  if (error instanceof CloudError) {
    return {
      code: error.code,
      message: error.cloudMessage,
      ...(error.requestId ? { requestId: error.requestId } : {}),
    };
  }
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' ? code : ((error as Error)?.name ?? 'Error'), message };
}

/** A failure that retrying the whole run can fix (every call timed out, the cloud was down). */
export function isTransient(error: unknown): boolean {
  if (error instanceof CloudError) return error.retryable;
  return false;
}
