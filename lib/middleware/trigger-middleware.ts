/**
 * middy middleware: every way in becomes one RunRequest. Timer and console events are normalized;
 * HTTP events are authenticated first (webhook-auth.ts) and refused with their status before any
 * work starts — and before anything else is read: the secret and the logger come from the
 * environment, the policy is loaded only for a request that may run. The HTTP way out is an
 * integration response carrying the report.
 */
import type { MiddlewareObj, Request } from '@middy/core';
import type { Logger } from '../engine/log';
import { RunInputError } from '../engine/run';
import type { RunReport, RunRequest } from '../engine/types';
import { PolicySelectionError } from '../policy/errors';
import { normalizeEvent } from './normalize-event';
import { createReplayCache, type ReplayCache } from './replay-cache';
import { toHttpResponse, toRefusalResponse } from './http-response';
import { authenticateHttpRequest } from './webhook-auth';

export interface TriggerMiddlewareOptions {
  webhookSecret: () => string | undefined;
  clock?: () => number;
  log: () => Logger;
  replayCache?: ReplayCache;
}

/** What the handler receives in place of the raw event, as middy body parsers do. */
export interface NormalizedInvocation {
  runRequest: RunRequest;
  http: boolean;
}

function invocationOf(request: Request): NormalizedInvocation | undefined {
  const event = request.event as Partial<NormalizedInvocation> | undefined;
  return event && typeof event === 'object' && 'runRequest' in event
    ? (event as NormalizedInvocation)
    : undefined;
}

export function triggerMiddleware(options: TriggerMiddlewareOptions): MiddlewareObj {
  const clock = options.clock ?? Date.now;
  // One per container: a cold start forgets it, but the 300 s window bounds a replay anyway.
  const replayCache = options.replayCache ?? createReplayCache();

  const before = (request: Request) => {
    const nowMs = clock();
    const normalized = normalizeEvent(request.event, { now: new Date(nowMs) });
    for (const warning of normalized.warnings) options.log().warn('event', { warning });
    if (normalized.kind === 'run') {
      request.event = { runRequest: normalized.request, http: false } satisfies NormalizedInvocation;
      return undefined;
    }
    if (normalized.kind === 'bad-http') {
      const refusal = { statusCode: 400, reason: 'bad-event', error: normalized.error } as const;
      options.log().warn('http request refused', { statusCode: 400, reason: refusal.reason });
      return toRefusalResponse(refusal);
    }
    const auth = authenticateHttpRequest(normalized.http, {
      secret: options.webhookSecret(),
      nowSec: Math.floor(nowMs / 1000),
      replayCache,
    });
    if (!auth.ok) {
      options.log().warn('http request refused', { statusCode: auth.statusCode, reason: auth.reason });
      return toRefusalResponse(auth); // returning early: no work is started
    }
    request.event = { runRequest: auth.request, http: true } satisfies NormalizedInvocation;
    return undefined;
  };

  const after = (request: Request) => {
    if (invocationOf(request)?.http) request.response = toHttpResponse(200, request.response as RunReport);
  };

  // A body naming a policy that does not exist is the caller's mistake: 400, not a crash. A
  // broken policy.json is the function's own: the invocation fails, and SCF records it.
  const onError = (request: Request) => {
    if (!invocationOf(request)?.http) return;
    const error = request.error;
    if (error instanceof PolicySelectionError || error instanceof RunInputError) {
      request.response = toHttpResponse(400, { error: error.message });
    }
  };

  return { before, after, onError };
}
