/**
 * Runs before every test file (vitest `setupFiles`): each Tencent request any simulator in this
 * process authenticates is re-signed with the official SDK's `sign3` (test/helpers/official-tc3.ts).
 * A disagreement fails the file; the count goes to the run's summary (test/setup/sign3-summary.ts).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { observeTencentRequests } from '../../sim/observe';
import { sign3Disagreement } from '../helpers/official-tc3';

let checked = 0;
const disagreements: string[] = [];
const stop = observeTencentRequests((request) => {
  checked += 1;
  const disagreement = sign3Disagreement(request);
  if (disagreement !== undefined && disagreements.length < 20) disagreements.push(disagreement);
});

afterAll(() => {
  stop();
  const dir = process.env.SCF_TEST_SIGN3_DIR;
  if (dir && checked > 0) {
    const line = JSON.stringify({ checked, disagreements: disagreements.length });
    appendFileSync(join(dir, `${process.pid}.jsonl`), `${line}\n`);
  }
  if (disagreements.length > 0) {
    throw new Error(
      `the official sign3 disagrees on ${disagreements.length} request(s):\n${disagreements.join('\n')}`,
    );
  }
});
