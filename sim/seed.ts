/**
 * Seed files (docs/simulator.md), YAML or JSON. Validated whole before the simulator
 * starts: every problem is reported with its path (`tencent.disks[2].id: …`), so a typo in a
 * seed is a clear message instead of an empty listing later.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseTencentTime } from './tencent/format';

const tags = z.record(z.string(), z.string()).optional();
const time = z.string().refine((t) => !Number.isNaN(parseTencentTime(t)), 'not a readable time');

// Tencent is strict: a misspelt field is an error. Huawei's records stay open for the fields
// its simulator may add.
const tencentSchema = z.strictObject({
  disks: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        region: z.string().min(1),
        tags,
        name: z.string().optional(),
        /** Backup points the disk may keep (CBS `DiskBackupQuota`); default 64. */
        backupQuota: z.number().int().min(1).max(1024).optional(),
        /** `DiskUsage`; default DATA_DISK. */
        usage: z.enum(['SYSTEM_DISK', 'DATA_DISK']).optional(),
        /** `DiskSize` in GiB; default 50. */
        sizeGb: z.number().int().min(10).optional(),
        /** `Placement.Zone`; default `<region>-3`. */
        zone: z.string().optional(),
      }),
    )
    .optional(),
  mysql: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        region: z.string().min(1),
        tags,
        name: z.string().optional(),
        /** `basic` instances support only snapshot backups. Default `ha`. */
        edition: z.enum(['basic', 'ha']).optional(),
        /** Seed extension: a read-only or disaster-recovery instance. Default `primary`. */
        role: z.enum(['primary', 'readonly', 'dr']).optional(),
      }),
    )
    .optional(),
  cosBuckets: z.array(z.strictObject({ name: z.string().min(1), region: z.string().min(1) })).optional(),
  /** Pre-existing TKE backup storage locations. */
  backupLocations: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        storageRegion: z.string().min(1),
        bucket: z.string().min(1),
        path: z.string().optional(),
        state: z.enum(['Available', 'Unavailable']).optional(),
      }),
    )
    .optional(),
  /** Pre-existing backups (someone else's, or older ones of ours). */
  diskBackups: z
    .array(
      z.strictObject({
        id: z.string().optional(),
        diskId: z.string(),
        name: z.string(),
        createTime: time,
        state: z.string().optional(),
      }),
    )
    .optional(),
  snapshots: z
    .array(
      z.strictObject({
        id: z.string().optional(),
        diskId: z.string(),
        name: z.string(),
        createTime: time,
        state: z.enum(['CREATING', 'NORMAL', 'ROLLBACKING']).optional(),
        autoSnapshotPolicyId: z.string().optional(),
      }),
    )
    .optional(),
  mysqlBackups: z
    .array(
      z.strictObject({
        id: z.number().int().positive().optional(),
        instanceId: z.string(),
        name: z.string(),
        date: time,
        way: z.enum(['manual', 'automatic']).optional(),
        status: z.string().optional(),
      }),
    )
    .optional(),
  // SSM secrets (GetSecretValue). `huaweiKeys: true` holds the simulator's own Huawei keys as
  // {"ak","sk"} (they are generated per start); otherwise secretString or secretBinary (base64).
  secrets: z
    .array(
      z
        .strictObject({
          name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, 'not an SSM secret name'),
          region: z.string().min(1),
          versionId: z.string().min(1).max(64).optional(),
          huaweiKeys: z.literal(true).optional(),
          secretString: z.string().optional(),
          secretBinary: z.base64().optional(),
          status: z.enum(['Enabled', 'Disabled', 'PendingDelete']).optional(),
        })
        .refine(
          (s) => [s.huaweiKeys, s.secretString, s.secretBinary].filter((v) => v !== undefined).length === 1,
          'give exactly one of huaweiKeys, secretString, secretBinary',
        ),
    )
    .optional(),
});

const resource = z.looseObject({
  id: z.string().min(1),
  region: z.string().min(1),
  name: z.string().optional(),
  tags,
});

const projectIdShape = z.string().regex(/^[0-9a-zA-Z]{32}$/, 'must be 32 letters and digits');
const huaweiSchema = z.looseObject({
  /** The project of a seed with one Huawei region. */
  projectId: projectIdShape.optional(),
  /** Seed extension: one project id per region. */
  projects: z.record(z.string().min(1), projectIdShape).optional(),
  dwsClusters: z.array(resource).optional(),
  gaussdbInstances: z.array(resource).optional(),
  dwsSnapshots: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        clusterId: z.string(),
        name: z.string(),
        started: z.string(),
        type: z.enum(['AUTO', 'MANUAL']).optional(),
        status: z.string().optional(),
      }),
    )
    .optional(),
  gaussdbBackups: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        instanceId: z.string(),
        name: z.string(),
        beginTime: z.string(),
        type: z.enum(['auto', 'manual']).optional(),
        status: z.string().optional(),
      }),
    )
    .optional(),
});

/** The seed file (docs/simulator.md), YAML or JSON. Fields beyond the contract are extensions. */
export const seedSchema = z.strictObject({
  tencent: tencentSchema.optional(),
  huawei: huaweiSchema.optional(),
});

/** The seed's type, derived from its schema: one definition of its shape. */
export type SimSeed = z.output<typeof seedSchema>;

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Problems a schema cannot see: references between records and duplicate ids. */
function crossCheck(seed: SimSeed): string[] {
  const problems: string[] = [];
  const unique = (what: string, ids: readonly string[]): void => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${what}: duplicate id "${id}"`);
      seen.add(id);
    }
  };
  const t = seed.tencent;
  const disks = new Set((t?.disks ?? []).map((d) => d.id));
  const instances = new Set((t?.mysql ?? []).map((m) => m.id));
  unique('tencent.disks', [...(t?.disks ?? []).map((d) => d.id)]);
  unique('tencent.mysql', [...(t?.mysql ?? []).map((m) => m.id)]);
  t?.diskBackups?.forEach((b, i) => {
    if (!disks.has(b.diskId))
      problems.push(`tencent.diskBackups[${i}].diskId: no disk "${b.diskId}" in tencent.disks`);
  });
  t?.snapshots?.forEach((s, i) => {
    if (!disks.has(s.diskId))
      problems.push(`tencent.snapshots[${i}].diskId: no disk "${s.diskId}" in tencent.disks`);
  });
  t?.mysqlBackups?.forEach((b, i) => {
    if (!instances.has(b.instanceId)) {
      problems.push(`tencent.mysqlBackups[${i}].instanceId: no instance "${b.instanceId}" in tencent.mysql`);
    }
  });
  const h = seed.huawei;
  const clusters = new Set((h?.dwsClusters ?? []).map((c) => c.id));
  const gauss = new Set((h?.gaussdbInstances ?? []).map((g) => g.id));
  h?.dwsSnapshots?.forEach((s, i) => {
    if (!clusters.has(s.clusterId))
      problems.push(`huawei.dwsSnapshots[${i}].clusterId: no cluster "${s.clusterId}"`);
  });
  problems.push(...huaweiProjectProblems(h));
  h?.gaussdbBackups?.forEach((b, i) => {
    if (!gauss.has(b.instanceId))
      problems.push(`huawei.gaussdbBackups[${i}].instanceId: no instance "${b.instanceId}"`);
  });
  return problems;
}

/** Every Huawei region a resource sits in has a project: `projects`, or `projectId` for one region. */
function huaweiProjectProblems(h: SimSeed['huawei']): string[] {
  if (!h) return [];
  const regions = new Set([...(h.dwsClusters ?? []), ...(h.gaussdbInstances ?? [])].map((r) => r.region));
  if (h.projects) {
    if (h.projectId !== undefined && !Object.values(h.projects).includes(h.projectId))
      return ['huawei.projectId: not one of huawei.projects (give one or the other)'];
    return [...regions]
      .filter((r) => !(r in (h.projects ?? {})))
      .map((r) => `huawei.projects: no project for region ${r}, where resources are seeded`);
  }
  if (h.projectId === undefined)
    return ['huawei: needs projectId (one region) or projects (one id per region)'];
  return regions.size > 1
    ? [
        `huawei.projectId: a project belongs to one region, resources are in ${[...regions].join(', ')}: use projects`,
      ]
    : [];
}

/** Validates a parsed seed; throws one Error listing every problem, prefixed with `source`. */
export function validateSeed(input: unknown, source = 'seed'): SimSeed {
  const parsed = seedSchema.safeParse(input ?? {});
  const problems = parsed.success
    ? crossCheck(parsed.data as SimSeed)
    : parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`);
  if (problems.length > 0)
    throw new Error(`${source} is not a valid simulator seed:\n  ${problems.join('\n  ')}`);
  return parsed.data as SimSeed;
}

/** Reads a YAML or JSON seed file (YAML is a superset of JSON, so one parser does both). */
export function loadSeedFile(path: string): SimSeed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read seed ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new Error(`seed ${path} is not valid YAML/JSON: ${(error as Error).message}`);
  }
  return validateSeed(data, `seed ${path}`);
}
