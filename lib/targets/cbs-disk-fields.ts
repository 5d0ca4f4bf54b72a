/**
 * The fields of the CBS answers that cbs-disk.ts reads, as the SDK models name them
 * (tencentcloud-sdk-nodejs cbs/v20170312/cbs_models.d.ts: DescribeDisksResponse, Disk, Tag,
 * DescribeDiskBackupsResponse, DiskBackup). `scf-backup doctor` checks real answers against them.
 */
import * as z from 'zod/mini';

const tag = z.object({ Key: z.string(), Value: z.string() });

export const CBS_DISK_RESPONSE_FIELDS = {
  'cbs.DescribeDisks': z.object({
    TotalCount: z.number(),
    DiskSet: z.array(
      z.object({ DiskId: z.string(), DiskName: z.nullish(z.string()), Tags: z.nullish(z.array(tag)) }),
    ),
  }),
  'cbs.DescribeDiskBackups': z.object({
    TotalCount: z.number(),
    DiskBackupSet: z.array(
      z.object({
        DiskBackupId: z.string(),
        DiskId: z.string(),
        DiskBackupName: z.string(),
        DiskBackupState: z.string(),
      }),
    ),
  }),
};
