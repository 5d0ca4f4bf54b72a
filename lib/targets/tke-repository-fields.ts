/**
 * The fields of the TKE answer that tke-repository.ts reads, as the SDK models name them
 * (tencentcloud-sdk-nodejs tke/v20180525/tke_models.d.ts: DescribeBackupStorageLocationsResponse,
 * BackupStorageLocation).
 */
import * as z from 'zod/mini';

export const TKE_REPOSITORY_RESPONSE_FIELDS = {
  'tke.DescribeBackupStorageLocations': z.object({
    BackupStorageLocationSet: z.nullish(
      z.array(
        z.object({
          Name: z.string(),
          StorageRegion: z.string(),
          Bucket: z.string(),
          Path: z.nullish(z.string()),
          Provider: z.nullish(z.string()),
          State: z.string(),
          Message: z.nullish(z.string()),
        }),
      ),
    ),
  }),
};
