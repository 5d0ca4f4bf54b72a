/**
 * SDK-HMAC-SHA256, Huawei Cloud APIG AK/SK request signing (Huawei Cloud's API gateway AK/SK signing documentation).
 * Pure: the caller puts `X-Sdk-Date` among the signed headers and passes the exact body bytes.
 */
import { hmacSha256Hex, sha256Hex, type Bytes } from './hash';

export const SDK_HMAC_ALGORITHM = 'SDK-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface SdkHmacCredentials {
  ak: string;
  sk: string;
}

export interface SdkHmacRequest {
  method: string;
  /** The request path as sent, without query (`/v1.0/{project}/snapshots`). */
  path: string;
  /** Query parameters; repeated names carry several values. */
  query?: Record<string, string | string[]>;
  /** The headers to sign (any case); must include X-Sdk-Date. */
  signedHeaders: Record<string, string>;
  body: Bytes;
  /** The SDKs sign `UNSIGNED-PAYLOAD` instead of the body hash when told to. */
  unsignedPayload?: boolean;
}

export interface SdkHmacSignature {
  authorization: string;
  signature: string;
  signedHeaderNames: string;
  canonicalRequest: string;
  stringToSign: string;
}

/** RFC 3986 percent-encoding: only `A-Z a-z 0-9 - _ . ~` stay as they are, hex in upper case. */
export function rfc3986Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Each segment encoded, and always a trailing slash (only in what is signed, not what is sent). */
export function sdkCanonicalUri(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => rfc3986Encode(decodeURIComponentSafe(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sdkCanonicalQuery(query: Record<string, string | string[]> | undefined): string {
  if (!query) return '';
  const pairs: string[] = [];
  for (const name of Object.keys(query).sort(byCodeUnit)) {
    const raw = query[name];
    const values = (Array.isArray(raw) ? [...raw] : [raw ?? '']).sort(byCodeUnit);
    for (const value of values) pairs.push(`${rfc3986Encode(name)}=${rfc3986Encode(value)}`);
  }
  return pairs.join('&');
}

export function sdkCanonicalHeaders(headers: Record<string, string>): { canonical: string; names: string } {
  const entries = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
    .sort(([a], [b]) => byCodeUnit(a, b));
  return {
    canonical: entries.map(([name, value]) => `${name}:${value}\n`).join(''),
    names: entries.map(([name]) => name).join(';'),
  };
}

export function sdkCanonicalRequest(request: SdkHmacRequest): {
  canonicalRequest: string;
  signedHeaderNames: string;
} {
  const { canonical, names } = sdkCanonicalHeaders(request.signedHeaders);
  const canonicalRequest = [
    request.method.toUpperCase(),
    sdkCanonicalUri(request.path),
    sdkCanonicalQuery(request.query),
    canonical,
    names,
    request.unsignedPayload ? UNSIGNED_PAYLOAD : sha256Hex(request.body),
  ].join('\n');
  return { canonicalRequest, signedHeaderNames: names };
}

export function signSdkHmac(request: SdkHmacRequest, credentials: SdkHmacCredentials): SdkHmacSignature {
  const sdkDate = Object.entries(request.signedHeaders).find(
    ([name]) => name.toLowerCase() === 'x-sdk-date',
  )?.[1];
  if (!sdkDate) throw new TypeError('SDK-HMAC-SHA256: X-Sdk-Date must be among the signed headers');
  const { canonicalRequest, signedHeaderNames } = sdkCanonicalRequest(request);
  const stringToSign = [SDK_HMAC_ALGORITHM, sdkDate.trim(), sha256Hex(canonicalRequest)].join('\n');
  const signature = hmacSha256Hex(credentials.sk, stringToSign);
  const authorization = `${SDK_HMAC_ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaderNames}, Signature=${signature}`;
  return { authorization, signature, signedHeaderNames, canonicalRequest, stringToSign };
}

/** `20191115T033655Z` from an epoch in milliseconds. */
export function sdkDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface ParsedSdkHmacAuthorization {
  ak: string;
  signedHeaderNames: string[];
  signature: string;
}

export function parseSdkHmacAuthorization(header: string): ParsedSdkHmacAuthorization | undefined {
  const match =
    /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!match) return undefined;
  const [, ak, names, signature] = match as unknown as [string, string, string, string];
  return { ak, signedHeaderNames: names.split(';'), signature };
}
