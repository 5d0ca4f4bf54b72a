/**
 * Times and identifiers as Tencent's APIs print them. The APIs disagree with each other:
 * `DiskBackup.CreateTime` is ISO-8601 with an offset, `Disk.CreateTime` and every CDB time are
 * zone-less `YYYY-MM-DD HH:mm:ss`, TKE's `LastValidationTime` is UTC with a literal `Z`.
 */
import { createHash } from 'node:crypto';

// UNCONFIRMED: the zone-less times are China Standard Time (UTC+8), as the console shows them;
// the documents never name the zone. China has no daylight saving, so a fixed offset is exact.
const CHINA_OFFSET_MS = 8 * 3600_000;

/** `2022-04-02T17:44:55+00:00`, the shape of the DescribeDiskBackups example. */
export function isoWithOffset(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** `2018-09-26 17:36:07` in UTC+8 (see CHINA_OFFSET_MS). */
export function chinaDateTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2023-04-07T03:18:10Z`. */
export function isoSecondsZ(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** `20240101000134`, the stamp CDB puts in backup file names. */
export function compactChinaStamp(ms: number): string {
  return chinaDateTime(ms).replace(/[-: ]/g, '');
}

const ZONELESS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/**
 * Reads a seed time: zone-less values are UTC+8 like the API's own, anything else goes to
 * `Date.parse` (ISO-8601 with `Z` or an offset). NaN for what neither reads.
 */
export function parseTencentTime(text: string): number {
  const match = ZONELESS.exec(text);
  if (!match) return Date.parse(text);
  const [, y = 0, mo = 1, d, h, mi, s] = match.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s) - CHINA_OFFSET_MS;
}

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function charLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Deterministic ids (`dbp-1a2b3c4d`): the n-th id of a kind is the same after every reset, so
 * test transcripts are reproducible; hash-derived so they look like real ones.
 */
export function createIdSource(namespace: string): { next(prefix: string): string } {
  let counter = 0;
  return {
    next(prefix) {
      const digest = createHash('sha256').update(`${namespace}:${prefix}:${++counter}`).digest();
      let suffix = '';
      for (let i = 0; i < 8; i += 1) suffix += ID_ALPHABET[(digest[i] ?? 0) % ID_ALPHABET.length];
      return `${prefix}${suffix}`;
    },
  };
}
