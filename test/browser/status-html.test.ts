/**
 * The `status --html` page as a person sees it: rendered by a real headless Chromium, which
 * reports the computed colour of every grid cell and the summary's visible text. Without
 * Chromium the test is skipped with a visible message, except in CI (CI=true), where it fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../lib/status/collect';
import { startSimulator, type RunningSimulator } from '../../sim';
import { cli } from '../helpers/cli';
import { FLEET_DISKS, FLEET_NOW, FLEET_POLICY, fleetSeed } from '../helpers/status-fleet';

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find(
  (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0,
);
if (!chromium) {
  if (process.env.CI === 'true')
    throw new Error('CI=true but no chromium is installed: the status page browser test cannot run');
  console.warn(
    '\n*** SKIPPED: the status page browser test needs chromium (apt-get install -y chromium) ***\n',
  );
}

/** Colours the page gives each cell state (lib/status/html.ts), as getComputedStyle writes them. */
const COLOURS = {
  available: 'rgb(45, 164, 78)',
  failed: 'rgb(207, 34, 46)',
  missing: 'rgb(208, 215, 222)',
  creating: 'rgb(84, 174, 255)',
} as const;

/** Appended to a copy of the page: measures what is on screen and writes it into the DOM. */
const PROBE = `<script>
const cells = [...document.querySelectorAll('td.cell')];
const colours = {};
for (const c of cells) { const k = getComputedStyle(c).backgroundColor; colours[k] = (colours[k] || 0) + 1; }
const summary = document.getElementById('summary');
const probe = {
  colours,
  small: cells.filter((c) => { const r = c.getBoundingClientRect(); return r.width < 8 || r.height < 8; }).length,
  summaryText: summary.innerText.replace(/\\s+/g, ' ').trim(),
  summaryTop: summary.getBoundingClientRect().top,
  firstVerdicts: [...document.querySelectorAll('section.policy')].map((s) => s.querySelector('tr.resource').dataset.verdict),
  external: document.querySelectorAll('[src]:not(script), link, img, iframe').length,
};
document.body.insertAdjacentHTML('beforeend', '<pre id="probe">' + JSON.stringify(probe).replace(/</g, '\\\\u003c') + '</pre>');
</script>`;

function render(args: string[]): string {
  const result = spawnSync(
    chromium!,
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', ...args],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    },
  );
  if (result.status !== 0) throw new Error(`chromium exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

describe.skipIf(!chromium)('the status page in a headless browser', () => {
  let sim: RunningSimulator;
  let status: StatusReport;
  let page: string;
  const dir = mkdtempSync(join(tmpdir(), 'status-html-'));

  beforeAll(async () => {
    // Seeded RUNNING backups stay running for the whole test.
    sim = await startSimulator({ seed: fleetSeed(), transitionMs: 30 * 86_400_000, rateLimits: false });
    page = join(dir, 'status.html');
    const result = await cli([
      'status',
      '--policy',
      FLEET_POLICY,
      '--sim',
      sim.url,
      '--now',
      FLEET_NOW,
      '--json',
      '--html',
      page,
    ]);
    expect(result.code).toBe(1);
    status = JSON.parse(result.stdout) as StatusReport;
  }, 120_000);
  afterAll(() => sim?.stop());

  it('shows the summary first and every cell in the colour of its state', () => {
    expect(status.totals).toMatchObject({ fresh: 1940 + 33, stale: 30, never: 30, failed: 4, creating: 3 });
    const probeFile = join(dir, 'probed.html');
    writeFileSync(probeFile, readFileSync(page, 'utf8').replace('</body>', `${PROBE}</body>`));
    const dom = render(['--dump-dom', pathToFileURL(probeFile).href]);
    const probe = JSON.parse(/<pre id="probe">(\{.*?\})<\/pre>/s.exec(dom)?.[1] ?? 'null') as {
      colours: Record<string, number>;
      small: number;
      summaryText: string;
      summaryTop: number;
      firstVerdicts: string[];
      external: number;
    };

    const expected: Record<string, number> = {};
    for (const r of status.policies.flatMap((p) => p.resources)) {
      for (const cell of r.cells ?? []) {
        const colour = COLOURS[cell === 'other' ? 'failed' : cell];
        expected[colour] = (expected[colour] ?? 0) + 1;
      }
    }
    expect(probe.colours).toEqual(expected);
    expect(Object.values(probe.colours).reduce((a, b) => a + b, 0)).toBe((FLEET_DISKS + 40) * 14);
    expect(probe.small).toBe(0);
    expect(probe.summaryText).toBe('1973 fresh 30 stale 30 never 4 failed 3 creating');
    expect(probe.summaryTop).toBeLessThan(120);
    // The worst first: a person sees the problems without scrolling through 2,000 fresh disks.
    expect(probe.firstVerdicts).toEqual(['never', 'failed']);
    expect(probe.external).toBe(0);
  }, 120_000);

  it('renders to a screenshot (UPDATE_SCREENSHOT=1 writes docs/status.png)', () => {
    const out =
      process.env.UPDATE_SCREENSHOT === '1'
        ? resolve(__dirname, '../../docs/status.png')
        : join(dir, 'status.png');
    render([`--screenshot=${out}`, '--window-size=1100,900', pathToFileURL(page).href]);
    expect(statSync(out).size).toBeGreaterThan(10_000);
  }, 120_000);
});
