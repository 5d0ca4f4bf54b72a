/**
 * The input rules of the two create APIs, exactly as their documents state them
 * (the DWS and GaussDB(for MySQL) API references), and the paging parameters.
 * Lengths count characters (code points), not UTF-16 units, as the documents do.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function charCount(text: string): number {
  return [...text].length;
}

/** DWS: 4–64 characters, starts with a letter, then letters, digits, `-`, `_`. */
const DWS_NAME = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
const DWS_DESCRIPTION_FORBIDDEN = /[!<>'=&"]/;

export function isDwsName(value: unknown): value is string {
  return typeof value === 'string' && DWS_NAME.test(value);
}

export function isDwsDescription(value: unknown): boolean {
  return typeof value === 'string' && charCount(value) <= 256 && !DWS_DESCRIPTION_FORBIDDEN.test(value);
}

/**
 * GaussDB(for MySQL): 4–64 characters and at most 64 bytes, a Chinese character counting 3 (its
 * UTF-8 length); starts with a letter or a Chinese character; letters, digits, `-`, `_`, Chinese.
 */
const GAUSS_NAME = /^[A-Za-z\p{Script=Han}][A-Za-z0-9_\-\p{Script=Han}]*$/u;

export function isGaussName(value: unknown): value is string {
  if (typeof value !== 'string' || !GAUSS_NAME.test(value)) return false;
  const chars = charCount(value);
  return chars >= 4 && chars <= 64 && Buffer.byteLength(value, 'utf8') <= 64;
}

// UNCONFIRMED: the reference says "no carriage return"; the Chinese source's 回车 usually means
// any line break, so both CR and LF are refused (a client that passes here passes the cloud).
const GAUSS_DESCRIPTION_FORBIDDEN = /[!<"='>&\r\n]/;

export function isGaussDescription(value: unknown): boolean {
  return typeof value === 'string' && charCount(value) <= 256 && !GAUSS_DESCRIPTION_FORBIDDEN.test(value);
}

/** Both services treat an absent and a null optional description as empty. */
export function optionalText(value: unknown): unknown {
  return value === undefined || value === null ? '' : value;
}

export interface IntRange {
  min: number;
  max?: number;
  fallback: number | undefined;
}

/**
 * A non-negative decimal integer query parameter within range: its value, the fallback when it
 * is absent, or `null` when it is present but malformed or out of range.
 */
export function readIntParam(
  query: URLSearchParams,
  name: string,
  range: IntRange,
): number | null | undefined {
  const raw = query.get(name);
  if (raw === null) return range.fallback;
  if (!/^\d{1,9}$/.test(raw)) return null;
  const value = Number(raw);
  if (value < range.min || (range.max !== undefined && value > range.max)) return null;
  return value;
}

/** Offset/limit paging over an already filtered and ordered list. */
export function page<T>(items: readonly T[], offset: number, limit: number | undefined): T[] {
  return items.slice(offset, limit === undefined ? undefined : offset + limit);
}
