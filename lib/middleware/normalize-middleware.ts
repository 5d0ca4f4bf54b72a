/**
 * middy middleware, first of the chain: every way in becomes one RunRequest. Timer and console
 * events are normalized here; an HTTP event is only parsed (a malformed one is answered 400 at
 * once) and handed on, unauthenticated, to authenticate-middleware.ts.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { Logger } from '../engine/log';
import type { RunRequest } from '../engine/types';
import { toRefusalResponse } from './http-response';
import type { HttpInvocation } from './http-event';
import { normalizeEvent } from './normalize-event';

export interface NormalizeMiddlewareOptions {
  clock?: () => number;
  log: () => Logger;
}

/** What the handler receives in place of the raw event, as middy body parsers do. */
export interface NormalizedInvocation {
  runRequest: RunRequest;
  http: boolean;
}

/** An HTTP request not yet authenticated: only authenticate-middleware.ts turns it into a run. */
export interface UnauthenticatedHttp {
  unauthenticated: HttpInvocation;
}

export function invocationOf(request: Request): NormalizedInvocation | undefined {
  const event = request.event as Partial<NormalizedInvocation> | undefined;
  return event && typeof event === 'object' && 'runRequest' in event
    ? (event as NormalizedInvocation)
    : undefined;
}

export function normalizeMiddleware(options: NormalizeMiddlewareOptions): MiddlewareObj {
  const clock = options.clock ?? Date.now;

  const normalizeBefore = (request: Request) => {
    const normalized = normalizeEvent(request.event, { now: new Date(clock()) });
    for (const warning of normalized.warnings) options.log().warn('event', { warning });
    if (normalized.kind === 'run') {
      request.event = { runRequest: normalized.request, http: false } satisfies NormalizedInvocation;
      return undefined;
    }
    if (normalized.kind === 'bad-http') {
      const refusal = { statusCode: 400, reason: 'bad-event', error: normalized.error } as const;
      options.log().warn('http request refused', { statusCode: 400, reason: refusal.reason });
      return toRefusalResponse(refusal); // returning early: no work is started
    }
    request.event = { unauthenticated: normalized.http } satisfies UnauthenticatedHttp;
    return undefined;
  };

  return { before: normalizeBefore };
}
