/**
 * Generated requests for the signing cross-checks. The alphabets and shapes stay where both our
 * signers and the official ones follow the published algorithms; each exclusion is explained in
 * test/unit/signing-crosscheck.test.ts.
 */
import { rfc3986Encode } from '../../../lib/signing/sdk-hmac';
import { chars, type Gen } from './prng';

const ASCII = chars(
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~',
);
/** Non-ASCII that every JSON serializer involved writes raw: CJK, Cyrillic, accents, astral emoji. */
const WIDE = chars('未命名备份数据库快照データжЖéßüñçΩ😀🚀𝄞');
/** Written as \uXXXX by json-bigint (the Tencent SDK's serializer) but raw by JSON.stringify. */
export const JSON2_ESCAPED = ['\u007f', '\u0085', '\u00ad', '\u2028', '\u2029', '\ufeff', '\ufff0'];
export const TEXT = [...ASCII, ...ASCII, ...WIDE, '\n', '\t'];
const WORDS = ['Disk', 'Name', 'Limit', 'Offset', 'Filters', 'Values', 'backup', 'snapshot', '名称', 'тег'];

export interface JsonOptions {
  /** Characters allowed in strings. */
  alphabet: readonly string[];
}

export function randomJson(g: Gen, options: JsonOptions, depth = 0): unknown {
  const kind = depth >= 3 ? g.int(0, 3) : g.int(0, 5);
  switch (kind) {
    case 0:
      return g.string(options.alphabet, 0, 24);
    case 1:
      return g.chance(0.5) ? g.int(-1_000_000, 1_000_000) : Math.round(g.random() * 1e6) / 1e3;
    case 2:
      return g.chance(0.5);
    case 3:
      return g.chance(0.2) ? null : g.string(options.alphabet, 1, 8);
    case 4:
      return Array.from({ length: g.int(0, 4) }, () => randomJson(g, options, depth + 1));
    default:
      return randomObject(g, options, depth + 1);
  }
}

export function randomObject(g: Gen, options: JsonOptions, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = g.int(depth === 0 ? 1 : 0, 5); i > 0; i--) {
    const key = g.chance(0.7) ? `${g.pick(WORDS)}${g.int(0, 99)}` : g.string(options.alphabet, 1, 10);
    out[key] = randomJson(g, options, depth);
  }
  return out;
}

export const TENCENT_SERVICES = ['cbs', 'cdb', 'tke', 'cvm', 'scf', 'vpc', 'cam', 'tag', 'monitor', 'cos'];
export const TENCENT_REGIONS = ['ap-guangzhou', 'ap-shanghai', 'ap-beijing', 'ap-hongkong', 'ap-singapore'];
export const TENCENT_ACTIONS = [
  'CreateDiskBackup',
  'DescribeDiskBackups',
  'DeleteDiskBackups',
  'CreateBackup',
  'DescribeBackups',
  'DeleteBackup',
  'CreateBackupStorageLocation',
  'DescribeInstances',
];
export const HUAWEI_SERVICES = ['dws', 'gaussdb', 'ecs', 'vpc', 'evs', 'rds'];
export const HUAWEI_REGIONS = ['cn-north-4', 'cn-east-3', 'cn-south-1', 'ap-southeast-1', 'eu-west-101'];

const ALNUM = chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
const HEX = chars('0123456789abcdef');
const UNRESERVED = [...ALNUM, '-', '_', '.', '~'];
const TOKEN = [...ALNUM, '+', '/', '='];
/** Header names the Huawei SDK orders the same way in both of its sorts (see the test). */
const HEADER_NAME = [...chars('abcdefghijklmnopqrstuvwxyz0123456789'), '-'];
const HEADER_VALUE = chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:=/+()');

export function secretPair(g: Gen): { id: string; key: string } {
  return { id: `AKID${g.string(ALNUM, 32, 32)}`, key: g.string(ALNUM, 32, 40) };
}

export function sessionToken(g: Gen): string {
  return g.string(TOKEN, 40, 200);
}

export function hexId(g: Gen, length = 32): string {
  return g.string(HEX, length, length);
}

export function uuid(g: Gen): string {
  return [8, 4, 4, 4, 12].map((n) => hexId(g, n)).join('-');
}

/** A path segment of unreserved ASCII or raw non-ASCII, the characters both signers encode alike. */
export function pathSegment(g: Gen): string {
  return g.chance(0.8) ? g.string(UNRESERVED, 1, 16) : g.string([...UNRESERVED, ...WIDE], 1, 8);
}

/** A query map: reserved characters, spaces, non-ASCII, repeated names, empty values. */
export function randomQuery(g: Gen): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (let i = g.int(0, 5); i > 0; i--) {
    const name = g.chance(0.6)
      ? g.pick(['limit', 'offset', 'marker', 'name', 'sort_key', 'Name'])
      : g.string(TEXT, 1, 8);
    const value = (): string => (g.chance(0.1) ? '' : g.string(TEXT, 1, 16));
    query[name] = g.chance(0.25) ? Array.from({ length: g.int(1, 3) }, value) : value();
  }
  return query;
}

/** `Name=value&…` encoded the RFC 3986 way, which WHATWG URL parsing leaves exactly as it is. */
export function encodeQuery(query: Record<string, string | string[]>): string {
  return Object.entries(query)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v]))
    .map(([name, v]) => `${rfc3986Encode(name as string)}=${rfc3986Encode(v as string)}`)
    .join('&');
}

export function headerName(g: Gen): string {
  return `x-${g.string(HEADER_NAME.slice(0, 26), 1, 1)}${g.string(HEADER_NAME, 1, 12)}`;
}

/** Printable ASCII with spaces inside but none at either end (the Huawei SDK does not trim). */
export function headerValue(g: Gen): string {
  const inner = g.string(HEADER_VALUE, 0, 30);
  return `${g.pick(ALNUM)}${inner}${g.pick(ALNUM)}`;
}

/** The same header name in one of the casings clients use. */
export function recase(g: Gen, name: string): string {
  const title = name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
  return g.pick([name, title, name.toUpperCase()]);
}
