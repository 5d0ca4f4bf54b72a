/**
 * The docs cannot drift: every `$ scf-backup …` example in README.md and docs/*.md is run through
 * the real CLI (in this process, against a fresh simulator) and its output must still match; every
 * other `scf-backup` command line shown must name a real command and only options its --help
 * lists; every relative link must resolve, and none may leave the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';
import { startSimulator, type RunningSimulator } from '../../sim';
import { EXAMPLE_SEED } from '../../lib/cli/sim-env';
import {
  consoleExamples,
  docFiles,
  fences,
  normalizeOutput,
  otherCommandLines,
  outputPattern,
  REPO_ROOT,
} from '../helpers/docs-examples';

/** The address a block writes for "a simulator that keeps its state between commands". */
const DOCS_SIM_URL = 'http://127.0.0.1:4566';

/** Nothing of the caller's environment reaches an example: no keys, no endpoints, no policy. */
const BASE_ENV: Record<string, string | undefined> = {
  PATH: process.env.PATH,
  NO_COLOR: '1',
};

async function runExample(
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  let output = '';
  const write = (text: string): void => {
    output += text;
  };
  const code = await main(argv, { stdout: write, stderr: write, env: { ...BASE_ENV, ...env }, isTty: false });
  return { code, output };
}

const files = docFiles();
const examples = files.flatMap((file) => consoleExamples(file));

describe('docs examples', () => {
  let sim: RunningSimulator;
  let lastBlockFile = '';
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: EXAMPLE_SEED });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('there are examples in the README and the command reference', () => {
    expect(examples.filter((e) => e.file === 'README.md').length).toBeGreaterThanOrEqual(3);
    expect(examples.filter((e) => e.file === 'docs/commands.md').length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((e) => [`${e.file}:${e.line} $ ${e.command}`, e] as const))(
    '%s',
    async (_, example) => {
      const usesSharedSim = example.argv.some((arg) => arg.includes(DOCS_SIM_URL));
      // Each file's shared-simulator examples start from the seed, in the order they are written.
      if (usesSharedSim && lastBlockFile !== example.file) {
        await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
        lastBlockFile = example.file;
      }
      const argv = example.argv.map((arg) => arg.split(DOCS_SIM_URL).join(sim.url));
      const { code, output } = await runExample(argv, example.env);
      const actual = normalizeOutput(output.split(sim.url).join(DOCS_SIM_URL));
      expect(actual, `${example.file}:${example.line}`).toMatch(outputPattern(example.expected));
      expect(code, `${example.file}:${example.line}: exit status`).toBe(example.exitCode);
    },
  );
});

describe('README.md', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  it('fits on a screen or two (under 150 lines) and keeps the two commands', () => {
    expect(readme.split('\n').length).toBeLessThan(150);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });
  it('links every reference file in docs/', () => {
    for (const file of files.filter((f) => f.startsWith('docs/'))) expect(readme).toContain(`](${file})`);
  });
});

describe('other command lines in the docs', () => {
  const lines = files.flatMap((file) => otherCommandLines(file).map((l) => ({ file, ...l })));
  it.each(lines.map((l) => [`${l.file}:${l.line} scf-backup ${l.argv.join(' ')}`, l] as const))(
    '%s names a command and only its options',
    async (_, { argv }) => {
      const [command, ...rest] = argv;
      const { code, output } = await runExample([command ?? '', '--help'], {});
      expect(code, output).toBe(0);
      for (const option of rest.filter((arg) => arg.startsWith('--'))) {
        expect(output).toContain(option.split('=')[0]);
      }
    },
  );
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  const inCode = codeLines(markdown);
  markdown.split('\n').forEach((line, index) => {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading || inCode.has(index)) return;
    const slug = (heading[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    out.add(slug);
  });
  return out;
}

function codeLines(markdown: string): Set<number> {
  const lines = new Set<number>();
  for (const fence of fences(markdown)) {
    for (let i = fence.startLine - 2; i <= fence.startLine - 1 + fence.lines.length; i += 1) lines.add(i);
  }
  return lines;
}

describe('links in the docs', () => {
  it.each(files)('%s: every relative link resolves and stays in the repository', (file) => {
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    const inCode = codeLines(text);
    const problems: string[] = [];
    text.split('\n').forEach((line, index) => {
      if (inCode.has(index)) return;
      const prose = line.replace(/`[^`]*`/g, '');
      for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] as string;
        const where = `${file}:${index + 1}: ${target}`;
        if (/^[a-z]+:/i.test(target)) {
          problems.push(`${where}: points outside the repository`);
          continue;
        }
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const resolved = path === '' ? join(REPO_ROOT, file) : join(REPO_ROOT, dirname(file), path);
        if (relative(REPO_ROOT, resolved).startsWith('..')) problems.push(`${where}: leaves the repository`);
        else if (!existsSync(resolved)) problems.push(`${where}: no such file`);
        else if (anchor && !anchors(readFileSync(resolved, 'utf8')).has(anchor))
          problems.push(`${where}: no heading #${anchor}`);
      }
    });
    expect(problems).toEqual([]);
  });
});
