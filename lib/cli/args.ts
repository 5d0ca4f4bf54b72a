/**
 * A small argument parser for the command's flags: `--name value`, `--name=value`, booleans, and
 * `--sim [URL]` whose value is optional. Unknown flags are errors (a typo must not run anything).
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  /** `string` takes a value, `boolean` none, `optional` a value only when one follows. */
  type: 'string' | 'boolean' | 'optional';
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

export function parseArgs(argv: string[], specs: Record<string, FlagSpec>): ParsedArgs {
  const positionals: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const spec = specs[name];
    if (!spec) {
      const known = Object.keys(specs).map((k) => `--${k}`);
      throw new UsageError(`unknown option --${name} (options: ${known.join(', ')})`);
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else if (inline !== undefined) {
      flags[name] = inline;
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags[name] = next;
        i += 1;
      } else if (spec.type === 'optional') {
        flags[name] = true;
      } else {
        throw new UsageError(`--${name} needs a value`);
      }
    }
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** A date, a time and an explicit UTC offset: `2026-11-24T18:00:00Z`, `…T02:00:00+08:00`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * `--now`: an instant with its offset. Without one, `new Date()` would read it in the machine's
 * own time zone, and the same command would back up a different slot on another machine.
 */
export function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(date.getTime())) {
    const offset = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value) ? ': it needs a UTC offset (Z or +08:00)' : '';
    throw new UsageError(`--now: '${value}' is not an ISO-8601 instant${offset} (e.g. 2026-11-24T18:00:00Z)`);
  }
  return date;
}

export function parseOnly(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) throw new UsageError('--only needs at least one policy name');
  return names;
}

/** `--time-limit SEC`: seconds, more than zero (leave it out for no limit of our own). */
export function parseTimeLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds)) {
    throw new UsageError(`--time-limit: '${value}' is not a number of seconds (e.g. --time-limit 600)`);
  }
  if (seconds <= 0) {
    throw new UsageError(
      `--time-limit ${value}: must be more than 0 seconds: with no time nothing would start ` +
        '(leave the option out to run without a limit)',
    );
  }
  return seconds;
}
