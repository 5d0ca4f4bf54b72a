/**
 * SDK-HMAC-SHA256 verification as Huawei's API gateway does it (Huawei Cloud's API gateway AK/SK signing documentation):
 * the canonical request is rebuilt from the client's SignedHeaders list, because the official
 * signers disagree on which headers they sign. Every failure is 401 `APIGW.0301`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseSdkHmacAuthorization, signSdkHmac, UNSIGNED_PAYLOAD } from '../lib/signing/sdk-hmac';

const MAX_SKEW_MS = 15 * 60_000;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const PREFIX = 'Incorrect IAM authentication information';

export type SdkHmacVerdict = { ok: true; ak: string } | { ok: false; message: string };

export interface SdkHmacInput {
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  nowMs: number;
}

function fail(detail: string): SdkHmacVerdict {
  return { ok: false, message: `${PREFIX}: ${detail}` };
}

function decodeQueryPart(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Query parameters as the signer saw them (decoded; `+` is a space, as URLSearchParams has it). */
export function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (rawQuery === '') return out;
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeQueryPart(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryPart(part.slice(eq + 1));
    const existing = out[name];
    out[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return out;
}

function parseSdkDate(text: string): number {
  const m = SDK_DATE.exec(text);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function verifySdkHmac(input: SdkHmacInput, keys: ReadonlyMap<string, string>): SdkHmacVerdict {
  const header = input.headers.authorization;
  const auth = header ? parseSdkHmacAuthorization(header) : undefined;
  if (!auth) return fail('the Authorization header is missing or not SDK-HMAC-SHA256');
  if (!auth.signedHeaderNames.includes('x-sdk-date')) return fail('x-sdk-date must be a signed header');
  const sdkDate = input.headers['x-sdk-date'];
  const signedAtMs = typeof sdkDate === 'string' ? parseSdkDate(sdkDate) : Number.NaN;
  if (Number.isNaN(signedAtMs)) return fail('X-Sdk-Date is missing or not YYYYMMDDTHHMMSSZ');
  if (Math.abs(input.nowMs - signedAtMs) > MAX_SKEW_MS) {
    return fail('verify aksk signature fail, X-Sdk-Date is more than 15 minutes from server time');
  }
  const sk = keys.get(auth.ak);
  if (sk === undefined) return fail(`Get secretKey failed,ak:${auth.ak},ak not exist`);
  const signed: Record<string, string> = {};
  for (const name of auth.signedHeaderNames) {
    const value = input.headers[name];
    signed[name] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  }
  const request = {
    method: input.method,
    path: input.path,
    query: parseQuery(input.rawQuery),
    signedHeaders: signed,
    body: input.body,
    unsignedPayload: input.headers['x-sdk-content-sha256'] === UNSIGNED_PAYLOAD,
  };
  const credentials = { ak: auth.ak, sk };
  if (sameHex(signSdkHmac(request, credentials).signature, auth.signature)) return { ok: true, ak: auth.ak };
  return fail('verify aksk signature fail');
}
