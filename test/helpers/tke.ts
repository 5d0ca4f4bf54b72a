/** TKE backup repositories: the buckets they need and a policy that ensures two of them. */
import type { SimSeed } from '../../sim';
import { DAILY } from './backup-kinds';

export interface Repository {
  name: string;
  storageRegion: string;
  bucket: string;
  path?: string;
}

export const TKE_REPOSITORIES: readonly Repository[] = [
  {
    name: 'prod-backups',
    storageRegion: 'ap-guangzhou',
    bucket: 'tke-backup-1250000000',
    path: 'clusters/prod',
  },
  {
    name: 'dr-backups',
    storageRegion: 'ap-shanghai',
    bucket: 'tke-backup-shanghai-1250000000',
    path: 'clusters/dr',
  },
];

/** Both buckets, and a repository of someone else's that no policy names. */
export const TKE_SEED: SimSeed = {
  tencent: {
    cosBuckets: [
      { name: 'tke-backup-1250000000', region: 'ap-guangzhou' },
      { name: 'tke-backup-shanghai-1250000000', region: 'ap-shanghai' },
      { name: 'tke-backup-other-1250000000', region: 'ap-guangzhou' },
    ],
    backupLocations: [
      {
        name: 'legacy-repo',
        storageRegion: 'ap-shanghai',
        bucket: 'tke-backup-shanghai-1250000000',
        path: 'legacy',
      },
    ],
  },
};

export function tkeSeed(locations: NonNullable<NonNullable<SimSeed['tencent']>['backupLocations']>): SimSeed {
  const tencent = TKE_SEED.tencent ?? {};
  return { tencent: { ...tencent, backupLocations: [...(tencent.backupLocations ?? []), ...locations] } };
}

export function tkePolicyYaml(repositories: readonly Repository[], name = 'tke-repos'): string {
  return [
    'version: 1',
    'policies:',
    `  - name: ${name}`,
    '    kind: tke-repository',
    `    schedule: '${DAILY}'`,
    '    catchUp: 1d',
    '    repositories:',
    ...repositories.map((r) => `      - ${JSON.stringify(r)}`),
  ].join('\n');
}
