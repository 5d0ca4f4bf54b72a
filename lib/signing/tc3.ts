/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0 request signing (the Tencent Cloud API 3.0 signature v3 (TC3-HMAC-SHA256) documentation).
 * Pure: the caller passes the timestamp and the exact body bytes that will be sent.
 */
import { hmacSha256, hmacSha256Hex, sha256Hex, type Bytes } from './hash';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Credentials {
  secretId: string;
  secretKey: string;
}

export interface Tc3Request {
  method: string;
  /** Query string without `?` (only GET carries one); empty for POST. */
  query?: string;
  /** The headers to sign, by name (any case). Must include content-type and host. */
  signedHeaders: Record<string, string>;
  body: Bytes;
  timestampSec: number;
  /** Product name in the credential scope (`cbs`, `cdb`, `tke`), never derived from the endpoint. */
  service: string;
}

export interface Tc3Signature {
  authorization: string;
  signature: string;
  signedHeaderNames: string;
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
}

/** UTC date of a Unix timestamp, `YYYY-MM-DD`: local time would break calls around midnight. */
export function tc3Date(timestampSec: number): string {
  return new Date(timestampSec * 1000).toISOString().slice(0, 10);
}

export function tc3CanonicalHeaders(headers: Record<string, string>): { canonical: string; names: string } {
  const entries = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase().trim(), value.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    canonical: entries.map(([name, value]) => `${name}:${value}\n`).join(''),
    names: entries.map(([name]) => name).join(';'),
  };
}

export function tc3CanonicalRequest(request: Tc3Request): {
  canonicalRequest: string;
  signedHeaderNames: string;
} {
  const { canonical, names } = tc3CanonicalHeaders(request.signedHeaders);
  const canonicalRequest = [
    request.method.toUpperCase(),
    '/',
    request.query ?? '',
    canonical,
    names,
    sha256Hex(request.body),
  ].join('\n');
  return { canonicalRequest, signedHeaderNames: names };
}

export function tc3SigningKey(secretKey: string, date: string, service: string): Buffer {
  const secretDate = hmacSha256(`TC3${secretKey}`, date);
  const secretService = hmacSha256(secretDate, service);
  return hmacSha256(secretService, 'tc3_request');
}

export function signTc3(request: Tc3Request, credentials: Tc3Credentials): Tc3Signature {
  const date = tc3Date(request.timestampSec);
  const credentialScope = `${date}/${request.service}/tc3_request`;
  const { canonicalRequest, signedHeaderNames } = tc3CanonicalRequest(request);
  const stringToSign = [
    TC3_ALGORITHM,
    String(request.timestampSec),
    credentialScope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signature = hmacSha256Hex(tc3SigningKey(credentials.secretKey, date, request.service), stringToSign);
  const authorization =
    `${TC3_ALGORITHM} Credential=${credentials.secretId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaderNames}, Signature=${signature}`;
  return { authorization, signature, signedHeaderNames, canonicalRequest, stringToSign, credentialScope };
}

export interface ParsedTc3Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaderNames: string[];
  signature: string;
}

/** Parses an Authorization header; returns undefined when it is not well-formed TC3. */
export function parseTc3Authorization(header: string): ParsedTc3Authorization | undefined {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, SignedHeaders=([a-z0-9;_.-]+), Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!match) return undefined;
  const [, secretId, date, service, names, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { secretId, date, service, signedHeaderNames: names.split(';'), signature };
}
