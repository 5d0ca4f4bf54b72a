/**
 * Backup names (issue 9 items 1–2, issue 15 item 1): every name the generator can make parses
 * back and fits every kind's naming rule, character set included; a name is ours only when
 * formatting its parsed parts gives the very same string; attempts per slot are capped; and the
 * engine itself refuses a name its kind's rule would reject, before any call.
 */
import { describe, expect, it } from 'vitest';
import {
  backupName,
  DEFAULT_MAX_ATTEMPTS,
  MAX_ATTEMPTS_LIMIT,
  nameRuleProblem,
  parseBackupName,
  resourceTag,
} from '../../lib/engine/naming';
import { planResource, type BackupMakingPolicy } from '../../lib/engine/plan-resource';
import { expiredBackups } from '../../lib/engine/retention';
import { parsePolicyText, PolicyError } from '../../lib/policy';
import { TARGETS } from '../../lib/targets/registry';
import type { Backup, BackupTarget } from '../../lib/targets/types';

const DISK = 'disk-0001';
const SLOT = new Date('2026-11-24T18:00:00Z');
const backupTargets = Object.values(TARGETS).filter((t) => t.mode === 'backup') as BackupTarget[];

/** Policy names of the longest length that use every character the schema allows. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-';
const LONGEST_NAMES = [
  'z'.repeat(24),
  `a${ALPHABET.slice(0, 23)}`,
  `a${ALPHABET.slice(13, 36)}`,
  `a${'-'.repeat(22)}9`,
];

function policyText(name: string, extra = '') {
  return `version: 1
policies:
  - name: ${name}
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    regions: [ap-guangzhou]
    select: { tags: { backup: nightly } }
    retention: { keepLast: 7 }
${extra}`;
}

function issuesOf(text: string) {
  try {
    parsePolicyText(text, {}, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as PolicyError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the policy to be rejected');
}

describe('every name the generator can make', () => {
  it('has been checked against a real alphabet and length (the fixtures above are what they claim)', () => {
    for (const name of LONGEST_NAMES) {
      expect(name).toHaveLength(24);
      expect(() => parsePolicyText(policyText(name), {})).not.toThrow();
    }
    expect(new Set(LONGEST_NAMES.join(''))).toEqual(new Set(ALPHABET));
  });

  for (const target of backupTargets) {
    it(`${target.kind}: parses back and fits the naming rule, for every attempt up to the cap limit`, () => {
      for (const policy of LONGEST_NAMES) {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS_LIMIT; attempt += 1) {
          for (const resource of [DISK, 'x'.repeat(64), '07033b125fd94a8a96896f8bcfee6ddain07']) {
            const name = backupName(policy, SLOT, resource, attempt);
            expect(nameRuleProblem(name, target.nameRule), name).toBeUndefined();
            expect(parseBackupName(name)).toEqual({
              policy,
              slot: SLOT,
              resourceTag: resourceTag(resource),
              attempt,
            });
          }
        }
      }
    });
  }
});

describe('the naming rules check the characters, not only the length', () => {
  const dotted = `scfb-nightly.db-20261124T180000Z-${resourceTag(DISK)}`;
  it.each(['dws-cluster', 'gaussdb-mysql'] as const)('%s refuses a `.` and a leading digit', (kind) => {
    const rule = (TARGETS[kind] as BackupTarget).nameRule;
    expect(nameRuleProblem(dotted, rule)).toMatch(/does not match/);
    expect(nameRuleProblem(`9${dotted.slice(1)}`.replace('.', '-'), rule)).toMatch(/does not match/);
    expect(nameRuleProblem('ab-', rule)).toMatch(/does not match/); // 3 characters: under 4
  });

  it.each(['.', '_', 'A', ' ', '/', 'é'])('the policy name refuses %j', (char) => {
    expect(issuesOf(policyText(`nightly${char}db`))).toEqual([
      expect.stringMatching(
        /^policies\[0\]\.name: must start with a lowercase letter and use only a–z, 0–9 and -/,
      ),
    ]);
  });

  it('the engine fails a resource whose name breaks its rule instead of sending it', () => {
    const policy = {
      ...(parsePolicyText(policyText('nightly'), {}).policies[0] as BackupMakingPolicy),
      name: 'nightly.db', // as if the policy-name rule had been widened
    };
    const strict = (TARGETS['dws-cluster'] as BackupTarget).nameRule;
    const rp = planResource(policy, SLOT, { id: DISK, region: 'r', tags: {} }, [], SLOT, strict);
    expect(rp.create).toBeUndefined();
    expect(rp.fail?.error.code).toBe('InvalidBackupName');
    expect(rp.fail?.reason).toMatch(/^backup name scfb-nightly\.db-20261124T180000Z-\w{10} does not match/);
  });
});

describe('a name is ours only in its canonical form', () => {
  const tag = resourceTag(DISK);
  const canonical = `scfb-db-20261124T180000Z-${tag}`;

  it('accepts the canonical forms', () => {
    expect(parseBackupName(canonical)?.attempt).toBe(1);
    expect(parseBackupName(`${canonical}-2`)?.attempt).toBe(2);
    // Made by earlier versions (attempts were not capped): still ours, still prunable.
    expect(parseBackupName(`${canonical}-99`)?.attempt).toBe(99);
  });

  it.each([
    ['hour 24', `scfb-db-20261124T240000Z-${tag}`],
    ['30 November + 1', `scfb-db-20261131T180000Z-${tag}`],
    ['February 30', `scfb-db-20260230T180000Z-${tag}`],
    ['second 60', `scfb-db-20261124T180060Z-${tag}`],
    ['month 13', `scfb-db-20261324T180000Z-${tag}`],
    ['attempt 01', `${canonical}-01`],
    ['attempt 1 (never written)', `${canonical}-1`],
    ['attempt 0', `${canonical}-0`],
    ['attempt 100', `${canonical}-100`],
    ['an upper-case tag', `scfb-db-20261124T180000Z-${tag.toUpperCase()}`],
    ['a trailing dash', `${canonical}-`],
  ])('rejects %s', (_why, name) => {
    expect(parseBackupName(name)).toBeUndefined();
  });

  const backup = (name: string, state: Backup['state'] = 'available'): Backup => ({
    id: name,
    name,
    resourceId: DISK,
    state,
    cloudState: state,
    manual: true,
  });
  const db = () => parsePolicyText(policyText('db'), {}).policies[0] as BackupMakingPolicy;
  const rule = (TARGETS['cbs-disk'] as BackupTarget).nameRule;

  it('a rolled-over date does not suppress the real slot', () => {
    const dec1 = new Date('2026-12-01T18:00:00Z');
    const fake = backup(`scfb-db-20261131T180000Z-${tag}`);
    const rp = planResource(db(), dec1, { id: DISK, region: 'r', tags: {} }, [fake], dec1, rule);
    expect(rp.skip).toBeUndefined();
    expect(rp.create?.name).toBe(`scfb-db-20261201T180000Z-${tag}`);
  });

  it('retention never prunes a name that only looks like ours', () => {
    const lookalikes = [`${canonical}-01`, `${canonical}-1`, `${canonical}-0`].map((n) => backup(n));
    const expired = expiredBackups({
      policyName: 'db',
      resourceId: DISK,
      backups: lookalikes,
      rule: { keepLast: 1, minKeep: 1 },
      now: new Date('2027-01-01T00:00:00Z'),
      newBackupName: `scfb-db-20261231T180000Z-${tag}`,
    });
    expect(expired).toEqual([]);
  });
});

describe('attempts per slot', () => {
  const failed = (attempt: number): Backup => {
    const name = backupName('db', SLOT, DISK, attempt);
    return { id: name, name, resourceId: DISK, state: 'failed', cloudState: 'FAILED', manual: true };
  };
  const policy = (extra = '') =>
    parsePolicyText(policyText('db', extra), {}).policies[0] as BackupMakingPolicy;
  const rule = (TARGETS['cdb-mysql'] as BackupTarget).nameRule;
  const plan = (p: BackupMakingPolicy, backups: Backup[]) =>
    planResource(p, SLOT, { id: DISK, region: 'r', tags: {} }, backups, SLOT, rule);

  it(`default to ${DEFAULT_MAX_ATTEMPTS}: past them the resource fails until the next slot`, () => {
    expect(policy().maxAttempts).toBe(3);
    expect(plan(policy(), [failed(1), failed(2)]).create?.name).toBe(backupName('db', SLOT, DISK, 3));
    const spent = plan(policy(), [failed(1), failed(2), failed(3)]);
    expect(spent.create).toBeUndefined();
    expect(spent.prune).toEqual([]);
    expect(spent.fail).toEqual({
      reason: '3 attempts failed in slot 2026-11-24T18:00:00Z; no more until the next slot (maxAttempts 3)',
      error: {
        code: 'AttemptsExhausted',
        message:
          '3 attempts failed in slot 2026-11-24T18:00:00Z; no more until the next slot (maxAttempts 3)',
      },
    });
    // The next slot starts again at attempt 1.
    const next = new Date('2026-11-25T18:00:00Z');
    const fresh = planResource(policy(), next, { id: DISK, region: 'r', tags: {} }, [failed(3)], next, rule);
    expect(fresh.create?.name).toBe(backupName('db', next, DISK));
  });

  it('are configurable per policy', () => {
    const five = policy('    maxAttempts: 5\n');
    expect(five.maxAttempts).toBe(5);
    expect(plan(five, [failed(1), failed(2), failed(3)]).create?.name).toBe(backupName('db', SLOT, DISK, 4));
    expect(plan(policy('    maxAttempts: 1\n'), [failed(1)]).fail?.error.code).toBe('AttemptsExhausted');
  });

  it.each([
    ['0', 'policies[0].maxAttempts: must be 1–10 (backup attempts per slot; default 3)'],
    ['11', 'policies[0].maxAttempts: must be 1–10 (backup attempts per slot; default 3)'],
    ['100', 'policies[0].maxAttempts: must be 1–10 (backup attempts per slot; default 3)'],
    ['2.5', 'policies[0].maxAttempts: must be a whole number, not a fraction'],
    ["'3'", 'policies[0].maxAttempts: must be a number, not a string'],
  ])('refuse maxAttempts %s with a clear message', (value, message) => {
    expect(issuesOf(policyText('db', `    maxAttempts: ${value}\n`))).toEqual([`${message} (policy db)`]);
  });
});
