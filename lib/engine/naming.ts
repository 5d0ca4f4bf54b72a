/**
 * Backup names carry our marker, the policy, the slot and the resource:
 * `scfb-<policy>-<YYYYMMDDTHHMMSSZ>-<10 hex of sha256(resource id)>`, plus `-<n>` when a slot needs
 * another attempt after a failed backup. The name is how a re-run finds what an earlier run made
 * (no duplicates) and how retention knows what is ours (it never touches a name it cannot parse
 * back to this policy). The resource part keeps names unique across a project, as DWS requires of
 * snapshot names. A 24-character policy name gives 57 characters, 60 with the highest attempt
 * number: within CDB's 60 and the 4–64 letters/digits/`-`/`_` of DWS and GaussDB.
 */
import { createHash } from 'node:crypto';
import { parseSlotId, slotId } from '../schedule/slots';
import type { NameRule } from '../targets/types';

export const BACKUP_NAME_MARKER = 'scfb';

/**
 * Attempts per slot a policy may allow (`maxAttempts`). Names of attempts up to 99 (all an
 * earlier version could make) still parse, so their backups stay ours and prunable.
 */
export const MAX_ATTEMPTS_LIMIT = 10;
export const DEFAULT_MAX_ATTEMPTS = 3;
const HIGHEST_PARSED_ATTEMPT = 99;

const NAME_PATTERN = /^scfb-([a-z][a-z0-9-]*)-(\d{8}T\d{6}Z)-([0-9a-f]{10})(?:-(\d+))?$/;

/** ISO-8601 in whole seconds (`2026-11-24T18:00:00Z`), as slots are written everywhere. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * 40 bits: two clusters of one DWS project colliding (their snapshot names must differ) is
 * vanishingly unlikely, and the longest name still fits CDB's 60 characters.
 */
const RESOURCE_TAG_LENGTH = 10;

export function resourceTag(resourceId: string): string {
  return createHash('sha256').update(resourceId).digest('hex').slice(0, RESOURCE_TAG_LENGTH);
}

function formatName(policy: string, slot: Date, tag: string, attempt: number): string {
  const base = `${BACKUP_NAME_MARKER}-${policy}-${slotId(slot)}-${tag}`;
  // Attempt 1 is never written: a name ending in `-1` was not made by us.
  return attempt > 1 ? `${base}-${attempt}` : base;
}

export function backupName(policyName: string, slot: Date, resourceId: string, attempt = 1): string {
  return formatName(policyName, slot, resourceTag(resourceId), attempt);
}

export interface ParsedBackupName {
  policy: string;
  slot: Date;
  resourceTag: string;
  attempt: number;
}

/**
 * The parts of a name we made, or undefined. A name is ours only if formatting its parts gives
 * back the very same string: `T240000Z`, `20261131` (which Date would roll over to December),
 * `-01`, `-1` and `-0` were never made by us, so they are never pruned nor count as a slot's backup.
 */
export function parseBackupName(name: string): ParsedBackupName | undefined {
  const match = NAME_PATTERN.exec(name);
  if (!match) return undefined;
  const [, policy, id, tag, suffix] = match as unknown as [string, string, string, string, string?];
  const slot = parseSlotId(id);
  const attempt = suffix === undefined ? 1 : Number(suffix);
  if (!slot || attempt < 1 || attempt > HIGHEST_PARSED_ATTEMPT) return undefined;
  if (formatName(policy, slot, tag, attempt) !== name) return undefined;
  return { policy, slot, resourceTag: tag, attempt };
}

/** Ours, this policy's and this resource's: the only backups retention may ever delete. */
export function isOwnedBy(name: string, policyName: string, resourceId: string): boolean {
  const parsed = parseBackupName(name);
  return parsed?.policy === policyName && parsed.resourceTag === resourceTag(resourceId);
}

/** Why a name breaks a kind's naming rule, or undefined when the cloud will accept it. */
export function nameRuleProblem(name: string, rule: NameRule): string | undefined {
  if (name.length > rule.maxLength)
    return `is ${name.length} characters, over the limit of ${rule.maxLength}`;
  if (!rule.pattern.test(name)) return `does not match ${String(rule.pattern)}`;
  return undefined;
}
