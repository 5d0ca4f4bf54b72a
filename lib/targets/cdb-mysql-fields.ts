/**
 * The fields of the CDB answers that cdb-mysql.ts reads, as the SDK models name them
 * (tencentcloud-sdk-nodejs cdb/v20170320/cdb_models.d.ts: DescribeDBInstancesResponse,
 * InstanceInfo, TagInfoItem, DescribeBackupsResponse, BackupInfo).
 */
import * as z from 'zod/mini';

export const CDB_MYSQL_RESPONSE_FIELDS = {
  'cdb.DescribeDBInstances': z.object({
    TotalCount: z.number(),
    Items: z.array(
      z.object({
        InstanceId: z.string(),
        InstanceName: z.nullish(z.string()),
        TagList: z.nullish(z.array(z.object({ TagKey: z.string(), TagValue: z.string() }))),
      }),
    ),
  }),
  'cdb.DescribeBackups': z.object({
    TotalCount: z.number(),
    Items: z.array(
      z.object({
        BackupId: z.number(),
        ManualBackupName: z.nullish(z.string()),
        InstanceId: z.nullish(z.string()),
        Status: z.string(),
        Way: z.string(),
      }),
    ),
  }),
};
