/**
 * The fields of the CBS answers that cbs-snapshot reads, as the SDK models name them
 * (tencentcloud-sdk-nodejs cbs/v20170312/cbs_models.d.ts: DescribeSnapshotsResponse, Snapshot).
 * DescribeDisks is cbs-disk's (cbs-disk-fields.ts). `scf-backup doctor` checks real answers.
 */
import * as z from 'zod/mini';

export const CBS_SNAPSHOT_RESPONSE_FIELDS = {
  'cbs.DescribeSnapshots': z.object({
    TotalCount: z.number(),
    SnapshotSet: z.array(
      z.object({
        SnapshotId: z.string(),
        DiskId: z.string(),
        SnapshotName: z.string(),
        SnapshotState: z.string(),
        CopyFromRemote: z.nullish(z.boolean()),
        AutoSnapshotPolicyId: z.nullish(z.string()),
      }),
    ),
  }),
};

/**
 * What a made-up id tells of each write grant (tencentcloud-sdk-go cbs/v20170312/client.go
 * @144f6c8 error lists): the doctor reads these through lib/doctor/write-actions.ts.
 */
export const CBS_SNAPSHOT_WRITE_CHECKS = {
  'cbs.CreateSnapshot': {
    checkable: true,
    how: 'a CreateSnapshot of a made-up DiskId answers AuthFailure.UnauthorizedOperation without the grant, InvalidDiskId.NotFound with it',
  },
  'cbs.DeleteSnapshots': {
    checkable: true,
    how: 'a DeleteSnapshots of a made-up SnapshotId answers AuthFailure.UnauthorizedOperation without the grant, InvalidSnapshotId.NotFound with it',
  },
  'cbs.CopySnapshotCrossRegions': {
    checkable: true,
    how: 'a CopySnapshotCrossRegions of a made-up SnapshotId answers AuthFailure.UnauthorizedOperation without the grant, InvalidSnapshotId.NotFound with it',
  },
};
