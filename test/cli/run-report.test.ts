/**
 * `scf-backup run|plan --sim --json` print the run report of docs/commands.md ("The run report"), and
 * a second run against the same simulator creates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EXAMPLE_SEED_PATH, startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';

/** The report as docs/commands.md writes it down. Extra fields are allowed: the contract may grow. */
const reportedError = z.object({
  code: z.string().min(1),
  message: z.string(),
  requestId: z.string().min(1).optional(),
});
const target = z.object({
  provider: z.enum(['tencent', 'huawei']),
  region: z.string().min(1),
  resourceId: z.string().min(1),
  action: z.enum(['create', 'skip', 'prune', 'ensure']),
  outcome: z.enum(['done', 'planned', 'skipped', 'failed']),
  backupId: z.string().min(1).optional(),
  backupName: z.string().min(1).optional(),
  reason: z.string().min(1).optional(),
  error: reportedError.optional(),
  protection: z
    .object({
      verdict: z.enum(['fresh', 'stale', 'never', 'failed', 'creating']),
      lastGood: z
        .object({
          backupId: z.string().min(1),
          backupName: z.string().min(1),
          slot: z.iso.datetime(),
          ageSeconds: z.int().min(0),
        })
        .nullable(),
    })
    .optional(),
});
const runReport = z
  .object({
    runId: z.string().min(1),
    trigger: z.enum(['timer', 'console', 'http', 'cli']),
    dryRun: z.boolean(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    status: z.enum(['succeeded', 'partial', 'failed', 'continued']),
    policies: z.array(
      z.object({
        name: z.string().min(1),
        kind: z.enum([
          'cbs-disk',
          'cdb-mysql',
          'tke-repository',
          'dws-cluster',
          'gaussdb-mysql',
          'cbs-snapshot',
        ]),
        slot: z.iso.datetime().optional(),
        targets: z.array(target),
      }),
    ),
    totals: z.strictObject({
      created: z.int().min(0),
      skipped: z.int().min(0),
      pruned: z.int().min(0),
      failed: z.int().min(0),
      stale: z.int().min(0),
      never: z.int().min(0),
    }),
  })
  .superRefine((report, ctx) => {
    // The totals are the targets counted: nothing is left out, nothing counted twice.
    const targets = report.policies.flatMap((p) => p.targets);
    const count = (test: (t: z.infer<typeof target>) => boolean) => targets.filter(test).length;
    const expected = {
      created: count((t) => t.outcome === 'done' && t.action !== 'prune'),
      skipped: count((t) => t.outcome === 'skipped'),
      pruned: count((t) => t.outcome === 'done' && t.action === 'prune'),
      failed: count((t) => t.outcome === 'failed'),
      stale: count((t) => t.protection?.verdict === 'stale'),
      never: count((t) => t.protection?.verdict === 'never'),
    };
    if (JSON.stringify(expected) !== JSON.stringify(report.totals)) {
      ctx.addIssue({
        code: 'custom',
        path: ['totals'],
        message: `targets add up to ${JSON.stringify(expected)}`,
      });
    }
    if (!report.dryRun && targets.some((t) => t.outcome === 'planned')) {
      ctx.addIssue({
        code: 'custom',
        path: ['policies'],
        message: 'a run that is not a dry run planned something',
      });
    }
    if (report.dryRun && targets.some((t) => t.outcome === 'done')) {
      ctx.addIssue({ code: 'custom', path: ['policies'], message: 'a dry run did something' });
    }
  });
type RunReport = z.infer<typeof runReport>;

const ALL_KINDS = ['cbs-disk', 'cbs-snapshot', 'cdb-mysql', 'dws-cluster', 'gaussdb-mysql', 'tke-repository'];
/** Every policy of policies/example.yaml is due at this instant. */
const NOW = '2026-11-24T20:00:00Z';
/** What the example policy makes against the example seed: 7 backups, 1 snapshot and 2 repositories. */
const EXAMPLE_TARGETS = 10;

function parseReport(stdout: string): RunReport {
  return runReport.parse(JSON.parse(stdout));
}

const kindsOf = (report: RunReport) => [...new Set(report.policies.map((p) => p.kind))].sort();

describe('scf-backup run --sim --json', () => {
  it('prints only the report, in the contract shape, with backups of all six kinds', async () => {
    const result = await cli(['run', '--sim', '--json', '--now', NOW]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    expect(report).toMatchObject({ trigger: 'cli', dryRun: false, status: 'succeeded' });
    expect(kindsOf(report)).toEqual(ALL_KINDS);
    expect(report.totals).toEqual({
      created: EXAMPLE_TARGETS,
      skipped: 0,
      pruned: 0,
      failed: 0,
      stale: 0,
      never: 0,
    });
    // Each cloud's id shape (the simulator's, after the APIs'): an empty id is an error, never a success.
    const idShapes: Record<string, RegExp> = {
      'cbs-disk': /^dbp-[0-9a-z]{8}$/,
      'cbs-snapshot': /^snap-[0-9a-z]{8}$/,
      'cdb-mysql': /^[1-9]\d*$/,
      'dws-cluster': /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      'gaussdb-mysql': /^[0-9a-f]{32}br07$/,
    };
    for (const policy of report.policies.filter((p) => p.kind !== 'tke-repository')) {
      for (const t of policy.targets) {
        expect(t.backupId, `${policy.kind} ${t.resourceId}`).toMatch(idShapes[policy.kind] as RegExp);
        expect(t.backupName).toMatch(/^scfb-[a-z0-9-]+-\d{8}T\d{6}Z-[0-9a-f]{10}$/);
      }
    }
  });
});

describe('scf-backup plan --sim --json', () => {
  it('prints the same report shape as a dry run: everything planned, nothing done', async () => {
    const result = await cli(['plan', '--sim', '--json', '--now', NOW]);

    expect(result.code).toBe(0);
    const report = parseReport(result.stdout);
    expect(report.dryRun).toBe(true);
    expect(kindsOf(report)).toEqual(ALL_KINDS);
    const targets = report.policies.flatMap((p) => p.targets);
    expect(targets).toHaveLength(EXAMPLE_TARGETS);
    expect(targets.every((t) => t.outcome === 'planned')).toBe(true);
    // Nothing was ever backed up: every backed-up kind's resource is `never` (TKE repositories are ensured).
    const backedUp = targets.filter((t) => t.action !== 'ensure').length;
    expect(report.totals).toEqual({
      created: 0,
      skipped: 0,
      pruned: 0,
      failed: 0,
      stale: 0,
      never: backedUp,
    });
  });
});

describe('two runs against one simulator (--sim URL)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED_PATH });
  });
  afterAll(() => sim.stop());

  it('the second creates nothing and says each is already done', async () => {
    const first = await cli(['run', '--sim', sim.url, '--json', '--now', NOW]);
    const second = await cli(['run', '--sim', sim.url, '--json', '--now', NOW]);
    const plan = await cli(['plan', '--sim', sim.url, '--json', '--now', NOW]);

    expect([first.code, second.code, plan.code]).toEqual([0, 0, 0]);
    expect(parseReport(first.stdout).totals.created).toBe(EXAMPLE_TARGETS);
    for (const report of [parseReport(second.stdout), parseReport(plan.stdout)]) {
      expect(report.totals).toEqual({
        created: 0,
        skipped: EXAMPLE_TARGETS,
        pruned: 0,
        failed: 0,
        stale: 0,
        never: 0,
      });
      for (const t of report.policies.flatMap((p) => p.targets)) {
        expect(t.reason).toMatch(/already backed up by scfb-|repository exists with the policy settings/);
      }
    }
    const stats = (await (await fetch(`${sim.url}/_sim/stats`)).json()) as Record<string, { calls: number }>;
    const creates = Object.entries(stats).filter(([api]) => /\.Create/.test(api));
    expect(creates.reduce((sum, [, api]) => sum + api.calls, 0)).toBe(EXAMPLE_TARGETS);
  });

  it('prints a summary table for people without --json', async () => {
    const result = await cli(['run', '--sim', sim.url, '--now', '2026-11-25T20:00:00Z']);

    expect(result.code).toBe(0);
    for (const kind of ALL_KINDS) expect(result.stdout).toContain(kind);
    expect(result.stdout).toMatch(/^created \d+, pruned \d+, already there \d+, failed 0$/m);
    expect(() => JSON.parse(result.stdout)).toThrow();
  });
});
