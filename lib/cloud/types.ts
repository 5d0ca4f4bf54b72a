/** The two clients as the targets see them: one call each, signed, paced, retried, classified. */

export interface CallOptions {
  /**
   * The call changes something (a create or delete). Then only a throttled answer, which proves
   * the cloud did nothing, is retried inside the client; a timeout, a dropped connection or a 5xx
   * is thrown at once, because the change may have happened and only the caller can check.
   */
  mutating?: boolean;
  /**
   * Checked before and after the call waits for its pacing token: a call the run no longer wants
   * (its policy was stopped meanwhile) is never sent, and fails with CallAbortedError.
   */
  signal?: AbortSignal;
}

export interface TencentCaller {
  /**
   * Calls `<service>` API 3.0 `action` and resolves with the `Response` object (RequestId included),
   * or rejects with a CloudError carrying the cloud's Code, Message and RequestId.
   * `region` is undefined for the global APIs (TKE backup storage locations).
   */
  call<TResponse = Record<string, unknown>>(
    service: string,
    version: string,
    action: string,
    region: string | undefined,
    params: object,
    options?: CallOptions,
  ): Promise<TResponse & { RequestId: string }>;
}

export interface HuaweiRequest {
  /** `dws`, `gaussdb`: the first label of the regional host, and the key of the rate table. */
  service: string;
  /** The API's name for pacing, stats and errors: `CreateSnapshot`, `ShowGaussMySqlBackupList`. */
  action: string;
  region: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with the project id already in it: `/v1.0/<project>/snapshots`. */
  path: string;
  query?: Record<string, string | string[] | undefined>;
  body?: unknown;
  /** Sent as `X-Project-Id`; absent only for IAM's project listing (the discovery itself). */
  projectId?: string;
}

export interface HuaweiResponse<TBody> {
  status: number;
  body: TBody;
  requestId?: string;
}

export interface HuaweiCaller {
  /** Resolves with status and parsed JSON (empty bodies parse as `{}`), or rejects with a CloudError. */
  call<TBody = Record<string, unknown>>(
    request: HuaweiRequest,
    options?: CallOptions,
  ): Promise<HuaweiResponse<TBody>>;
}
