import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, PolicyError } from '../../lib/policy';

/**
 * Every file in the corpus is a policy with one mistake and a first line `# expect: <path>`.
 * Each must be rejected with that path among its issues. The env is empty on purpose: every
 * variable a corpus file names is one nobody sets.
 */
const DIR = 'test/fixtures/malformed-policies';
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('the malformed-policy corpus', () => {
  it('has at least 35 cases, each with an expected path', () => {
    expect(files.length).toBeGreaterThanOrEqual(35);
    for (const file of files) expect(readFileSync(join(DIR, file), 'utf8')).toMatch(/^# expect: \S/);
  });

  it.each(files)('rejects %s at its expected path', (file) => {
    const path = join(DIR, file);
    const expected = /^# expect: (.+)$/m.exec(readFileSync(path, 'utf8'))![1]!.trim();
    let error: unknown;
    try {
      loadPolicyFile(path, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const issues = (error as PolicyError).issues;
    expect(issues.map((i) => i.path)).toContain(expected);
    expect((error as PolicyError).message).toContain(`${path}: ${expected}: `);
  });
});
