/** One HTTP exchange over Node's own http/https: no cloud SDK, no fetch polyfill. */
export interface HttpRequest {
  method: string;
  url: string | URL;
  headers?: Record<string, string>;
  /** Sent exactly as given: the bytes that were signed. */
  body?: Buffer | string;
  /** Time to establish the connection. */
  connectTimeoutMs?: number;
  /** Time for the whole exchange, from start to the last byte of the response. */
  timeoutMs?: number;
  /** Larger responses are cut off with a TransportError `ResponseTooLarge`. */
  maxResponseBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;
