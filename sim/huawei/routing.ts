/**
 * What the DWS and GaussDB modules share: path patterns, route construction and the error codes
 * both use for bad input. Paths accept an optional trailing slash because the signing rules add
 * one to the canonical URI and some clients send it.
 */
import type { HuaweiRouteRequest, HuaweiRouteResponse, HuaweiRouteSpec } from '../types';
import { HuaweiApiError } from '../types';
import type { HuaweiState } from './state';

export const SERVICE_PREFIX = {
  dws: '/v1\\.0',
  gaussdb: '/v3',
} as const;

export type HuaweiService = keyof typeof SERVICE_PREFIX;

export type RouteHandler = (state: HuaweiState, request: HuaweiRouteRequest) => HuaweiRouteResponse;

/** Binds `handler` to `state` under `<prefix>/{project_id}<rest>`; `rest` may add named groups. */
export function defineRoute(
  state: HuaweiState,
  service: HuaweiService,
  action: string,
  method: HuaweiRouteSpec['method'],
  rest: string,
  handler: RouteHandler,
): HuaweiRouteSpec {
  return {
    service,
    action,
    method,
    path: new RegExp(`^${SERVICE_PREFIX[service]}/(?<project_id>[^/]+)${rest}/?$`),
    handle: (request) => handler(state, request),
  };
}

/** DWS: any bad or missing parameter is 400 `DWS.0001`. */
export function dwsInvalid(detail: string): HuaweiApiError {
  return new HuaweiApiError(400, 'DWS.0001', `Incorrect parameter: ${detail}`);
}

/** DWS has no 404: a missing resource is 403 `DWS.0015` ("not found or no permission"). */
export function dwsNotFound(what: string): HuaweiApiError {
  return new HuaweiApiError(
    403,
    'DWS.0015',
    `The ${what} does not exist or you have no permission to access it.`,
  );
}

/** GaussDB: a bad or missing parameter is 400 `DBS.200001`. */
export function dbsParamError(detail: string): HuaweiApiError {
  return new HuaweiApiError(400, 'DBS.200001', `Parameter error: ${detail}`);
}
