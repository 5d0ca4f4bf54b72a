/**
 * Reads the examples out of README.md and docs/*.md, following the convention written at the top
 * of docs/development.md: a ```console block holds `$ scf-backup …` lines, each followed by the
 * output it prints (stdout and stderr as they interleave); `{…}` stands for any text within a
 * line, a line that is only `{…}` for any number of lines, and a trailing `# exit N` on the
 * command line for its exit status (0 when absent).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '../..');
export const WILDCARD = '{…}';

export interface ConsoleExample {
  file: string;
  line: number;
  /** The command line as written after `$ `, without the `# exit N` comment. */
  command: string;
  env: Record<string, string>;
  argv: string[];
  exitCode: number;
  expected: string;
}

export function docFiles(): string[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs.sort()];
}

interface Fence {
  lang: string;
  startLine: number;
  lines: string[];
}

export function fences(text: string): Fence[] {
  const found: Fence[] = [];
  let open: Fence | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (open === undefined) {
      const match = /^```(\S*)/.exec(line);
      if (match) open = { lang: match[1] ?? '', startLine: index + 2, lines: [] };
    } else if (line === '```') {
      found.push(open);
      open = undefined;
    } else {
      open.lines.push(raw);
    }
  });
  return found;
}

/** Splits a command line into words; single and double quotes group, nothing else is special. */
export function words(line: string): string[] {
  const out: string[] = [];
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const match of line.matchAll(pattern)) out.push(match[1] ?? match[2] ?? match[3] ?? '');
  return out;
}

function parseCommand(text: string): Pick<ConsoleExample, 'command' | 'env' | 'argv' | 'exitCode'> {
  const exit = /\s+# exit (\d+)\s*$/.exec(text);
  const command = exit ? text.slice(0, exit.index) : text.trim();
  const all = words(command);
  const env: Record<string, string> = {};
  while (all[0] !== undefined && /^[A-Z_][A-Z0-9_]*=/.test(all[0])) {
    const [name, ...value] = (all.shift() as string).split('=');
    env[name as string] = value.join('=');
  }
  if (all.shift() !== 'scf-backup') throw new Error(`not a scf-backup command: ${text}`);
  return { command, env, argv: all, exitCode: exit ? Number(exit[1]) : 0 };
}

export function consoleExamples(file: string): ConsoleExample[] {
  const examples: ConsoleExample[] = [];
  for (const fence of fences(readFileSync(join(REPO_ROOT, file), 'utf8'))) {
    if (fence.lang !== 'console') continue;
    let current: ConsoleExample | undefined;
    const output: string[] = [];
    const finish = (): void => {
      if (current) examples.push({ ...current, expected: output.join('\n').trimEnd() });
      output.length = 0;
    };
    fence.lines.forEach((line, offset) => {
      if (line.startsWith('$ ')) {
        finish();
        current = { file, line: fence.startLine + offset, ...parseCommand(line.slice(2)), expected: '' };
      } else if (current) {
        output.push(line);
      } else {
        throw new Error(`${file}:${fence.startLine + offset}: console block text before any "$ " line`);
      }
    });
    finish();
  }
  return examples;
}

/** `scf-backup …` command lines in sh (or plain) blocks: not run, but checked against --help. */
export function otherCommandLines(file: string): Array<{ line: number; argv: string[] }> {
  const found: Array<{ line: number; argv: string[] }> = [];
  for (const fence of fences(readFileSync(join(REPO_ROOT, file), 'utf8'))) {
    if (!['', 'sh', 'bash', 'shell'].includes(fence.lang)) continue;
    fence.lines.forEach((line, offset) => {
      const code = line.replace(/\s#\s.*$/, '');
      const at = /(?:^\s*|&&\s*)(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:npx\s+)?scf-backup\s+(.*)$/.exec(code);
      if (!at) return;
      const argv = words((at[1] ?? '').replace(/\s[|&;].*$/, ''));
      found.push({ line: fence.startLine + offset, argv });
    });
  }
  return found;
}

/** The expected output as a pattern: `{…}` any text in a line, a `{…}` line any number of lines. */
export function outputPattern(expected: string): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines = expected
    .split('\n')
    .map((line) =>
      line === WILDCARD ? '(?:[^\\n]*\\n)*?' : `${line.split(WILDCARD).map(escape).join('[^\\n]*?')}\\n`,
    );
  return new RegExp(`^${lines.join('')}$`);
}

/** Output as compared: trailing spaces of each line and trailing blank lines do not count. */
export function normalizeOutput(text: string): string {
  const trimmed = text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
  return `${trimmed}\n`;
}
