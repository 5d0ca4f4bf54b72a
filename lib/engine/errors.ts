import { CloudError } from '../errors/cloud-error';
import { classifyError } from '../throttle/retry';
import type { ReportedError } from './types';

/**
 * The cloud's code, message and request id when there is one; otherwise the error's own words.
 * Either way with the class it was given when it failed (status included), as the retry loop saw it.
 */
export function reportedError(error: unknown): ReportedError {
  const reported: ReportedError =
    error instanceof CloudError
      ? {
          code: error.code,
          message: error.cloudMessage,
          ...(error.requestId ? { requestId: error.requestId } : {}),
        }
      : {
          code: codeOf(error),
          message: error instanceof Error ? error.message : String(error),
        };
  return Object.defineProperty(reported, 'errorClass', { value: classifyError(error), enumerable: false });
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : ((error as Error)?.name ?? 'Error');
}
