/**
 * Times and identifiers as the two Huawei services print them. DWS speaks UTC with a literal
 * `Z`; GaussDB(for MySQL) speaks a numeric offset (`+0800`), which `Date.parse` does not read
 * reliably, so both directions are written out by hand.
 */
import { createHash } from 'node:crypto';

const ZONE_OFFSET_MS = 8 * 3600_000;

/** DWS: `YYYY-MM-DDThh:mm:ssZ` (no milliseconds), as ListSnapshots and ListClusters print. */
export function formatDwsTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * GaussDB: `yyyy-mm-ddThh:mm:ss+0800`.
 * UNCONFIRMED: the offset is the region's; every seeded region is in China, so +0800 always.
 */
export function formatGaussTime(ms: number): string {
  return new Date(ms + ZONE_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+0800');
}

const OFFSET_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

/** Reads `…Z`, `…+0800` and `…+08:00`; undefined for anything else (the caller picks the error). */
export function parseOffsetTime(text: string): number | undefined {
  const match = OFFSET_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, zone] = match as unknown as [string, ...string[]];
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(utc) || new Date(utc).getUTCDate() !== Number(d)) return undefined;
  if (zone === 'Z' || zone === undefined) return utc;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(digits.slice(1, 3)) * 3600_000 + Number(digits.slice(3, 5)) * 60_000);
  return utc - offsetMs;
}

/** Seeds may carry any of the above or a plain ISO string; a bad one is a seed bug, so throw. */
export function parseSeedTime(text: string, what: string): number {
  const ms = parseOffsetTime(text) ?? Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`huawei seed: ${what} has an unreadable time "${text}"`);
  return ms;
}

function hex32(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** A version-4-shaped uuid that is always the same for the same key. */
export function uuidFromKey(key: string): string {
  const h = hex32(key);
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Deterministic identifiers: the n-th id of a kind is the same after every reset, so tests and
 * `npm start` transcripts are reproducible. Hash-derived so they look like the real ones.
 */
export function createIdSource(namespace: string): { uuid(): string; gaussBackupId(): string } {
  let counter = 0;
  return {
    uuid: () => uuidFromKey(`${namespace}:${++counter}`),
    /** 36 characters ending in `br07`, like TaurusDB backup ids. */
    gaussBackupId: () => `${hex32(`${namespace}:${++counter}`)}br07`,
  };
}
