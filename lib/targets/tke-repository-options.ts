import * as z from 'zod/mini';
import { region, rule, strict, uniqueList } from '../policy/fields';

/** tke-repository's own setting: the backup repositories to ensure. */

const repository = strict({
  name: rule(z.string(), (n) =>
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(n)
      ? undefined
      : 'must be a lowercase DNS label (a–z, 0–9, -; at most 63)',
  ),
  storageRegion: region('tencent'),
  // Both documented forms: `tke-backup-1250000000` (`<name>-<appid>`, COS's full name) and the
  // API's own examples `tke-backup-xxx`, `tke-backup-2wds9k9p` (CreateBackupStorageLocation).
  bucket: rule(z.string(), (b) => {
    if (!b.startsWith('tke-backup'))
      return 'must start with `tke-backup` (TKE only writes to buckets with that prefix)';
    if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(b))
      return 'must be a COS bucket name: lowercase letters, digits and -, e.g. tke-backup-1250000000';
    return undefined;
  }),
  path: z.optional(z.string().check(z.maxLength(1024))),
  provider: z.optional(z.string().check(z.minLength(1))),
});

/** Repositories to ensure; a repeated name would make two policies fight over one repository. */
export const repositories = uniqueList(repository, 'repository').check(
  z.superRefine((repos: z.output<typeof repository>[], ctx) => {
    const names = repos.map((r) => r.name);
    names.forEach((n, i) => {
      const first = names.indexOf(n);
      if (first !== i) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `duplicate repository name (also [${first}])`,
        });
      }
    });
  }),
);
