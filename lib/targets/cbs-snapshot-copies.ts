/**
 * Cross-region copies of a disk's snapshots (`copyTo`): each of our snapshots that retention keeps
 * is copied with CopySnapshotCrossRegions once it is NORMAL (a later run copies one still being
 * created), under the very same name, so a copy is found by its name in the destination and is
 * never made twice; the copies there are kept by the policy's own retention. Reported as creates
 * and prunes in the destination region, like any backup.
 */
import { reportedError } from '../engine/errors';
import { isOwnedBy } from '../engine/naming';
import { expiredBackups } from '../engine/retention';
import type { TargetReport } from '../engine/types';
import { copySnapshot, deleteSnapshot, describeSnapshots, listSnapshots, toBackup } from './cbs-snapshot-api';
import type { CbsSnapshotPolicy } from './cbs-snapshot';
import type { Backup, CloudClientSet, FollowUpOptions, Resource } from './types';

/**
 * The copies of one disk's snapshots in `destination`. UNCONFIRMED: a copy keeps the source's
 * DiskId (Snapshot.DiskId: "创建此快照的云硬盘ID"); the name, checked here, is what makes it ours.
 */
async function copiesIn(
  policy: CbsSnapshotPolicy,
  resource: Resource,
  destination: string,
  clients: CloudClientSet,
) {
  const items = await describeSnapshots(clients, destination, 'disk-id', [resource.id]);
  return items
    .filter((item) => item.CopyFromRemote)
    .map(toBackup)
    .filter((b) => isOwnedBy(b.name, policy.name, resource.id));
}

function retained(policy: CbsSnapshotPolicy, resource: Resource, backups: Backup[], now: Date): Backup[] {
  const rule = policy.retention;
  return expiredBackups({ policyName: policy.name, resourceId: resource.id, backups, rule, now });
}

async function followUpRegion(
  policy: CbsSnapshotPolicy,
  resource: Resource,
  sources: Backup[],
  destination: string,
  clients: CloudClientSet,
  options: FollowUpOptions,
): Promise<TargetReport[]> {
  const base = { provider: 'tencent', region: destination, resourceId: resource.id } as const;
  const out: TargetReport[] = [];
  const copies = await copiesIn(policy, resource, destination, clients);
  const byName = new Map(copies.map((c) => [c.name, c]));
  for (const [index, source] of sources.entries()) {
    const from = `copy of ${source.id} from ${resource.region}`;
    const copy = byName.get(source.name);
    const report = { ...base, action: 'create', backupName: source.name } as const;
    if (copy) {
      // The newest copy is shown every run, so the report and status say where each copy stands.
      if (index === 0)
        out.push({
          ...report,
          outcome: 'skipped',
          backupId: copy.id,
          reason: `${from}: present (${copy.cloudState})`,
        });
    } else if (source.state !== 'available') {
      out.push({
        ...report,
        outcome: 'skipped',
        reason: `${from}: waits until it is NORMAL (${source.cloudState})`,
      });
    } else if (options.dryRun) {
      out.push({ ...report, outcome: 'planned', reason: from });
    } else {
      try {
        const made = await copySnapshot(clients, resource.region, source.id, destination, source.name);
        out.push({ ...report, outcome: 'done', backupId: made.backupId, reason: from });
      } catch (error) {
        out.push({ ...report, outcome: 'failed', reason: from, error: reportedError(error) });
      }
    }
  }
  for (const copy of retained(policy, resource, copies, options.now)) {
    const report = { ...base, action: 'prune', backupId: copy.id, backupName: copy.name } as const;
    if (options.dryRun) {
      out.push({ ...report, outcome: 'planned' });
      continue;
    }
    try {
      await deleteSnapshot(clients, destination, copy.id);
      out.push({ ...report, outcome: 'done' });
    } catch (error) {
      out.push({ ...report, outcome: 'failed', error: reportedError(error) });
    }
  }
  return out;
}

/** After the disk's create and prunes: its copies in every `copyTo` region, made and pruned. */
export async function followUpCopies(
  policy: CbsSnapshotPolicy,
  resource: Resource,
  clients: CloudClientSet,
  options: FollowUpOptions,
): Promise<TargetReport[]> {
  const destinations = (policy.copyTo ?? []).filter((region) => region !== resource.region);
  if (destinations.length === 0) return [];
  const listed = (await listSnapshots(resource.region, [resource], clients)).get(resource.id) ?? [];
  const ours = listed.filter((b) => isOwnedBy(b.name, policy.name, resource.id));
  // Only what retention keeps is copied (newest first): an expiring snapshot is not worth a copy.
  const expiring = new Set(retained(policy, resource, ours, options.now).map((b) => b.id));
  const sources = ours
    .filter((b) => !expiring.has(b.id) && b.state !== 'failed' && b.state !== 'other')
    .sort((a, b) => (a.name < b.name ? 1 : -1));
  const out: TargetReport[] = [];
  for (const destination of destinations) {
    try {
      out.push(...(await followUpRegion(policy, resource, sources, destination, clients, options)));
    } catch (error) {
      const reason = `copies in ${destination} not listed`;
      out.push({
        provider: 'tencent',
        region: destination,
        resourceId: resource.id,
        action: 'create',
        outcome: 'failed',
        reason,
        error: reportedError(error),
      });
    }
  }
  return out;
}
