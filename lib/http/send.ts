/**
 * The clients' side of the transport: a failed exchange becomes a CloudError for the API that
 * was called, so targets, the engine and reports deal with one error type. The TransportError
 * stays as `cause`, and its code (`RequestTimeout`, `ECONNRESET`…) is the CloudError's code.
 */
import { CloudError, type Cloud } from '../errors/cloud-error';
import { TransportError } from './errors';
import type { HttpRequest, HttpResponse, HttpTransport } from './types';

export async function sendFor(
  cloud: Cloud,
  api: string,
  transport: HttpTransport,
  request: HttpRequest,
): Promise<HttpResponse> {
  try {
    return await transport(request);
  } catch (error) {
    if (error instanceof TransportError) {
      throw new CloudError({ cloud, api, code: error.code, message: error.message, cause: error });
    }
    throw error;
  }
}

/** The first header value by name, whatever its case in the map. */
export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** A short, single-line excerpt of an unexpected body, for an error message. */
export function bodyExcerpt(body: Buffer, maxChars = 200): string {
  const text = body.toString('utf8').replace(/\s+/g, ' ').trim();
  if (text === '') return '(empty body)';
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/** Parses a JSON body; undefined when it is not JSON. An empty body is `{}`. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
