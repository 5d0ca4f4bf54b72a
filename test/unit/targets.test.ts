/** What every target declares must hold for the engine's names and the client's pacing. */
import { describe, expect, it } from 'vitest';
import { API_RATES_PER_SECOND } from '../../lib/cloud/api-rates';
import { backupName, parseBackupName } from '../../lib/engine/naming';
import { policyName } from '../../lib/policy/fields';
import { BACKUP_KINDS } from '../../lib/policy/schema';
import { TARGETS } from '../../lib/targets/registry';

describe('the target registry', () => {
  it('has one target per policy kind', () => {
    expect(Object.keys(TARGETS).sort()).toEqual([...BACKUP_KINDS].sort());
  });

  for (const [kind, target] of Object.entries(TARGETS)) {
    it(`${kind}: every API it calls has a documented rate, so the client never falls back to the default`, () => {
      for (const api of target.apis) expect(API_RATES_PER_SECOND[api], api).toBeDefined();
    });

    if (target.mode === 'backup') {
      it(`${kind}: the longest backup name the engine makes fits the API's naming rule`, () => {
        const longest = backupName('p'.repeat(24), new Date('2026-11-24T18:00:00Z'), 'r'.repeat(64), 99);
        expect(longest.length).toBeLessThanOrEqual(target.nameRule.maxLength);
        expect(longest).toMatch(target.nameRule.pattern);
      });

      it(`${kind}: every character a policy name may hold gives names that fit the rule and parse back`, () => {
        // Asks the policy validator itself, so widening its character set cannot pass unseen.
        const slot = new Date('2026-11-24T18:00:00Z');
        let accepted = 0;
        for (let code = 0x20; code < 0x250; code += 1) {
          const name = `ab${String.fromCodePoint(code)}cd`;
          if (!policyName.safeParse(name).success) continue;
          accepted += 1;
          for (const attempt of [1, 2]) {
            const made = backupName(name, slot, 'res-1', attempt);
            expect(made, name).toMatch(target.nameRule.pattern);
            expect(parseBackupName(made), name).toMatchObject({ policy: name, attempt });
          }
        }
        expect(accepted).toBe(37);
      });
    }
  }
});
