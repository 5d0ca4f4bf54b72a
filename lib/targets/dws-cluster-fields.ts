/**
 * The fields of the DWS answers that dws-cluster.ts reads (huaweicloud-sdk-go-v3
 * services/dws/v2/model: ListClustersResponse → ClusterInfo, Tags; ListSnapshotsResponse →
 * Snapshots).
 */
import * as z from 'zod/mini';

const tag = z.object({ key: z.string(), value: z.string() });

export const DWS_CLUSTER_RESPONSE_FIELDS = {
  'dws.ListClusters': z.object({
    clusters: z.array(
      z.object({ id: z.string(), name: z.optional(z.string()), tags: z.optional(z.array(tag)) }),
    ),
  }),
  'dws.ListSnapshots': z.object({
    snapshots: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        cluster_id: z.string(),
        status: z.string(),
        type: z.optional(z.string()),
      }),
    ),
  }),
};
