import type { MiddlewareObj, Request } from '@middy/core';
import { RunInputError } from '../engine/run';
import type { RunReport } from '../engine/types';
import { PolicySelectionError } from '../policy/errors';
import { toHttpResponse } from './http-response';
import { invocationOf } from './normalize-middleware';

/**
 * middy middleware, registered first so its hooks run last: an HTTP run answers 200 with its
 * report. A body naming a policy that does not exist is the caller's mistake (400, not a crash);
 * a broken policy.json is the function's own: the invocation fails, and SCF records it.
 */
export function httpResponseMiddleware(): MiddlewareObj {
  const httpResponseAfter = (request: Request) => {
    if (invocationOf(request)?.http) request.response = toHttpResponse(200, request.response as RunReport);
  };
  const httpResponseOnError = (request: Request) => {
    if (!invocationOf(request)?.http) return;
    const error = request.error;
    if (error instanceof PolicySelectionError || error instanceof RunInputError) {
      request.response = toHttpResponse(400, { error: error.message });
    }
  };
  return { after: httpResponseAfter, onError: httpResponseOnError };
}
