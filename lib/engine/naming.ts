/**
 * Backup names carry our marker, the policy, the slot and the resource:
 * `scfb-<policy>-<YYYYMMDDTHHMMSSZ>-<10 hex of sha256(resource id)>`, plus `-<n>` when a slot needs
 * another attempt after a failed backup. The name is how a re-run finds what an earlier run made
 * (no duplicates) and how retention knows what is ours (it never touches a name it cannot parse
 * back to this policy). The resource part keeps names unique across a project, as DWS requires of
 * snapshot names. A 24-character policy name gives 57 characters, 60 with an attempt number:
 * within CDB's 60 and the 4–64 letters/digits/`-`/`_` of DWS and GaussDB.
 */
import { createHash } from 'node:crypto';

export const BACKUP_NAME_MARKER = 'scfb';

const NAME_PATTERN = /^scfb-([a-z][a-z0-9-]*)-(\d{8}T\d{6}Z)-([0-9a-f]{10})(?:-(\d{1,2}))?$/;

/** ISO-8601 in whole seconds (`2026-11-24T18:00:00Z`), as slots are written everywhere. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function slotIdOf(slot: Date): string {
  return slot
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function slotFromId(id: string): Date {
  const iso = `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}T${id.slice(9, 11)}:${id.slice(11, 13)}:${id.slice(13, 15)}Z`;
  return new Date(iso);
}

/**
 * 40 bits: two clusters of one DWS project colliding (their snapshot names must differ) is
 * vanishingly unlikely, and the longest name still fits CDB's 60 characters.
 */
const RESOURCE_TAG_LENGTH = 10;

export function resourceTag(resourceId: string): string {
  return createHash('sha256').update(resourceId).digest('hex').slice(0, RESOURCE_TAG_LENGTH);
}

export function backupName(policyName: string, slot: Date, resourceId: string, attempt = 1): string {
  const base = `${BACKUP_NAME_MARKER}-${policyName}-${slotIdOf(slot)}-${resourceTag(resourceId)}`;
  return attempt > 1 ? `${base}-${attempt}` : base;
}

export interface ParsedBackupName {
  policy: string;
  slot: Date;
  resourceTag: string;
  attempt: number;
}

export function parseBackupName(name: string): ParsedBackupName | undefined {
  const match = NAME_PATTERN.exec(name);
  if (!match) return undefined;
  const [, policy, slotId, tag, attempt] = match as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  const slot = slotFromId(slotId);
  if (Number.isNaN(slot.getTime())) return undefined;
  return { policy, slot, resourceTag: tag, attempt: attempt ? Number(attempt) : 1 };
}

/** Ours, this policy's and this resource's: the only backups retention may ever delete. */
export function isOwnedBy(name: string, policyName: string, resourceId: string): boolean {
  const parsed = parseBackupName(name);
  return parsed?.policy === policyName && parsed.resourceTag === resourceTag(resourceId);
}
