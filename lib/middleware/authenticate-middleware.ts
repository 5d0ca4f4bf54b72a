/**
 * middy middleware: an HTTP request runs only with a valid webhook signature (webhook-auth.ts),
 * checked before anything else is read or loaded: the secret comes from the environment, and a
 * refused request is answered with its status and starts no work.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { Logger } from '../engine/log';
import { toRefusalResponse } from './http-response';
import type { NormalizedInvocation, UnauthenticatedHttp } from './normalize-middleware';
import { createReplayCache, type ReplayCache } from './replay-cache';
import { authenticateHttpRequest } from './webhook-auth';

export interface AuthenticateMiddlewareOptions {
  webhookSecret: () => string | undefined;
  clock?: () => number;
  log: () => Logger;
  replayCache?: ReplayCache;
}

function unauthenticatedOf(request: Request): UnauthenticatedHttp | undefined {
  const event = request.event as Partial<UnauthenticatedHttp> | undefined;
  return event && typeof event === 'object' && 'unauthenticated' in event
    ? (event as UnauthenticatedHttp)
    : undefined;
}

export function authenticateMiddleware(options: AuthenticateMiddlewareOptions): MiddlewareObj {
  const clock = options.clock ?? Date.now;
  // One per container: a cold start forgets it, but the 300 s window bounds a replay anyway.
  const replayCache = options.replayCache ?? createReplayCache();

  const authenticateBefore = (request: Request) => {
    const pending = unauthenticatedOf(request);
    if (!pending) return undefined; // a timer or console event: nothing to authenticate
    const auth = authenticateHttpRequest(pending.unauthenticated, {
      secret: options.webhookSecret(),
      nowSec: Math.floor(clock() / 1000),
      replayCache,
    });
    if (!auth.ok) {
      options.log().warn('http request refused', { statusCode: auth.statusCode, reason: auth.reason });
      return toRefusalResponse(auth); // returning early: no work is started
    }
    request.event = { runRequest: auth.request, http: true } satisfies NormalizedInvocation;
    return undefined;
  };

  return { before: authenticateBefore };
}
