/**
 * The fields of the GaussDB(for MySQL) answers that gaussdb-mysql.ts reads (huaweicloud-sdk-go-v3
 * services/gaussdbformysql/v3/model: ListGaussMySqlInstancesUnifyStatusResponse → instances,
 * ShowGaussMySqlBackupListResponse → Backups).
 */
import * as z from 'zod/mini';

const tag = z.object({ key: z.string(), value: z.string() });

export const GAUSSDB_MYSQL_RESPONSE_FIELDS = {
  'gaussdb.ListGaussMySqlInstancesUnifyStatus': z.object({
    total_count: z.number(),
    instances: z.array(
      z.object({ id: z.string(), name: z.optional(z.string()), tags: z.optional(z.array(tag)) }),
    ),
  }),
  'gaussdb.ShowGaussMySqlBackupList': z.object({
    total_count: z.number(),
    backups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        instance_id: z.string(),
        status: z.string(),
        type: z.optional(z.string()),
      }),
    ),
  }),
};
