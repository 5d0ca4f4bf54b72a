/**
 * Checks an action's JSON parameters the way API 3.0 does before any business rule: an
 * undeclared name is `UnknownParameter`, a wrong JSON type `InvalidParameter`, an absent
 * required one `MissingParameter`. Each action declares its parameters once, `as const`, and
 * gets back a typed object.
 */
import { TencentApiError, type TencentActionSpec } from '../types';

export interface Filter {
  Name: string;
  Values: string[];
}

export interface TagPair {
  Key: string;
  Value: string;
}

export interface BackupItem {
  Db: string;
  Table?: string;
}

interface KindTypes {
  string: string;
  integer: number;
  boolean: boolean;
  stringList: string[];
  integerList: number[];
  filters: Filter[];
  tags: TagPair[];
  backupItems: BackupItem[];
  /** An Integer that some documented samples send as a numeric string (`"173381"`). */
  integerLike: number;
  /** A structure (SCF `Code`, `Environment`) the action checks field by field itself. */
  object: Record<string, unknown>;
}

export type ParamKind = keyof KindTypes;
export type ParamSpec = Readonly<Record<string, ParamKind>>;
export type Params<S extends ParamSpec> = { [K in keyof S]?: KindTypes[S[K]] };

const NUMERIC_STRING = /^\d{1,15}$/;
const isString = (v: unknown): v is string => typeof v === 'string';
const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function isObjectWith(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.keys(value).every((key) => keys.includes(key));
}

const CHECKS: { [K in ParamKind]: (value: unknown) => boolean } = {
  string: isString,
  integer: isInteger,
  boolean: (v) => typeof v === 'boolean',
  stringList: (v) => Array.isArray(v) && v.every(isString),
  integerList: (v) => Array.isArray(v) && v.every(isInteger),
  filters: (v) =>
    Array.isArray(v) &&
    v.every(
      (f) =>
        isObjectWith(f, ['Name', 'Values']) &&
        isString(f.Name) &&
        Array.isArray(f.Values) &&
        f.Values.every(isString),
    ),
  tags: (v) =>
    Array.isArray(v) &&
    v.every((t) => isObjectWith(t, ['Key', 'Value']) && isString(t.Key) && isString(t.Value ?? '')),
  backupItems: (v) =>
    Array.isArray(v) &&
    v.every((b) => isObjectWith(b, ['Db', 'Table']) && isString(b.Db) && isString(b.Table ?? '')),
  integerLike: (v) => isInteger(v) || (isString(v) && NUMERIC_STRING.test(v)),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

const TYPE_NAMES: { [K in ParamKind]: string } = {
  string: 'a String',
  integer: 'an Integer',
  boolean: 'a Boolean',
  stringList: 'an Array of String',
  integerList: 'an Array of Integer',
  filters: 'an Array of Filter {Name, Values}',
  tags: 'an Array of Tag {Key, Value}',
  backupItems: 'an Array of BackupItem {Db, Table}',
  integerLike: 'an Integer',
  object: 'an Object',
};

export function readParams<S extends ParamSpec>(
  raw: Record<string, unknown>,
  spec: S,
  required: ReadonlyArray<keyof S & string> = [],
): Params<S> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const kind = spec[name];
    if (kind === undefined) {
      throw new TencentApiError(
        'UnknownParameter',
        `The parameter \`${name}\` is not recognized. Known parameters: ${Object.keys(spec).join(', ')}.`,
      );
    }
    // The official SDK strips nulls before sending; treat one that arrives anyway as absent.
    if (value === null) continue;
    if (!CHECKS[kind](value)) {
      throw new TencentApiError('InvalidParameter', `The parameter \`${name}\` must be ${TYPE_NAMES[kind]}.`);
    }
    out[name] = kind === 'integerLike' ? Number(value) : value;
  }
  for (const name of required) {
    if (out[name] === undefined || out[name] === '') {
      throw new TencentApiError(
        'MissingParameter',
        `The request is missing a required parameter \`${name}\`.`,
      );
    }
  }
  return out as Params<S>;
}

export function invalidValue(name: string, why: string): TencentApiError {
  return new TencentApiError('InvalidParameterValue', `The value of \`${name}\` is invalid: ${why}.`);
}

/** Offset/Limit as the Describe* actions take them; returns the page of `items`. */
export function page<T>(
  items: readonly T[],
  offset: number | undefined,
  limit: number | undefined,
  bounds: { defaultLimit: number; maxLimit: number },
): T[] {
  const start = offset ?? 0;
  const size = limit ?? bounds.defaultLimit;
  if (start < 0) throw invalidValue('Offset', 'must be 0 or more');
  // UNCONFIRMED: Limit 0 is refused (CDB documents a minimum of 1; CBS says nothing).
  if (size < 1 || size > bounds.maxLimit) throw invalidValue('Limit', `must be 1 to ${bounds.maxLimit}`);
  return items.slice(start, start + size);
}

/** `Order` ASC|DESC (default ASC) applied to a list already in ascending order. */
export function ordered<T>(ascending: readonly T[], order: string | undefined): readonly T[] {
  if (order === undefined || order === 'ASC') return ascending;
  if (order === 'DESC') return [...ascending].reverse();
  throw invalidValue('Order', 'must be ASC or DESC');
}

/**
 * UNCONFIRMED: X-TC-Region is required by CBS and CDB Describe and Delete actions (the current
 * docs mark it so) but optional for CreateDiskBackup and CreateBackup, whose seed documents say "not required".
 */
export function requireRegion(region: string | undefined): string {
  if (!region) {
    throw new TencentApiError('MissingParameter', 'The request is missing a required parameter `Region`.');
  }
  return region;
}

/** Builds the action specs of one service and version: each handler named by its action. */
export function tencentAction(service: string, version: string) {
  return (action: string, handle: TencentActionSpec['handle']): TencentActionSpec => ({
    service,
    version,
    action,
    handle,
  });
}
