/**
 * The seams of the simulator: the server core (HTTP, auth, rate limits, faults, stats) dispatches
 * to one module per cloud. Each cloud module owns its state and knows nothing of HTTP or signing.
 */

export type { SimSeed } from './seed';

export interface SimClock {
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now(): number;
}

export interface SimBehaviour {
  /** How long a new backup stays in its in-progress state (CREATING, RUNNING, BUILDING). */
  transitionMs: number;
  /**
   * True for a resource named in the `failBackupsOf` fault: a backup it starts now is accepted,
   * then ends in the cloud's failed state instead of its good one.
   */
  failsBackupOf?: (resourceId: string) => boolean;
}

// ---- Tencent API 3.0 ------------------------------------------------------------------------

/** Thrown by a Tencent action handler; the core renders it as HTTP 200 `Response.Error`. */
export class TencentApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TencentApiError';
  }
}

export interface TencentActionRequest {
  params: Record<string, unknown>;
  /** `X-TC-Region`, when sent. */
  region?: string;
  nowMs: number;
}

export interface TencentActionSpec {
  service: string;
  version: string;
  action: string;
  /** Returns the `Response` fields (the core adds `RequestId`). Throws TencentApiError. */
  handle(request: TencentActionRequest): Record<string, unknown>;
}

export interface TencentSimCloud {
  actions: TencentActionSpec[];
  /** Plain JSON of every resource and backup, for `GET /_sim/state`. */
  snapshot(): unknown;
}

// ---- Huawei REST ----------------------------------------------------------------------------

/** Thrown by a Huawei route handler; the core renders `{error_code, error_msg}` with `status`. */
export class HuaweiApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HuaweiApiError';
  }
}

export interface HuaweiRouteRequest {
  /** Named groups of the route's path pattern (always `project_id`). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The region the Host names (`dws.cn-east-3.myhuaweicloud.com`); undefined for a bare address. */
  region?: string;
  /** Parsed JSON body, or undefined when empty. */
  body: unknown;
  nowMs: number;
}

export interface HuaweiRouteResponse {
  status: number;
  body?: unknown;
}

export interface HuaweiRouteSpec {
  /** `dws` or `gaussdb`. */
  service: string;
  /** `CreateSnapshot`, `ShowGaussMySqlBackupList`… — stats and rate limits use `<service>.<action>`. */
  action: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Anchored pattern on the path (no query), with a named group `project_id`. */
  path: RegExp;
  handle(request: HuaweiRouteRequest): HuaweiRouteResponse;
}

export interface HuaweiSimCloud {
  /** The first region's project (what `scf-backup sim --json` prints as `projectId`). */
  projectId: string;
  /** Region → project id. */
  projects: Record<string, string>;
  routes: HuaweiRouteSpec[];
  snapshot(): unknown;
}
