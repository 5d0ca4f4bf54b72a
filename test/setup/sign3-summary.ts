/**
 * vitest `globalSetup`: gives the workers a directory for their sign3 counts
 * (test/setup/sign3-every-request.ts) and prints the run's total at the end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'scfb-sign3-'));
  process.env.SCF_TEST_SIGN3_DIR = dir;
  return () => {
    let checked = 0;
    let disagreements = 0;
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
        const counts = JSON.parse(line) as { checked: number; disagreements: number };
        checked += counts.checked;
        disagreements += counts.disagreements;
      }
    }
    rmSync(dir, { recursive: true, force: true });
    console.log(`official sign3 re-signed ${checked} Tencent requests: ${disagreements} disagreed`);
  };
}
