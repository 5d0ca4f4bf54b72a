/**
 * The fields of IAM's KeystoneListProjects answer that project discovery (huawei-projects.ts)
 * reads (huaweicloud-sdk-go-v3 services/iam/v3/model: KeystoneListProjectsResponse → ProjectResult).
 */
import * as z from 'zod/mini';

export const HUAWEI_PROJECTS_RESPONSE_FIELDS = {
  'iam.KeystoneListProjects': z.object({
    projects: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
};
