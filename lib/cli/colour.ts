/**
 * Colour for people at a terminal: only when stdout is one, and never when NO_COLOR is set to
 * anything (no-color.org) or TERM is `dumb`. Without colour every function returns its text as is.
 */
export interface Paint {
  good(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
}

const sgr = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string) => text;

export const NO_PAINT: Paint = { good: plain, bad: plain, warn: plain, dim: plain };
const PAINT: Paint = { good: sgr('32'), bad: sgr('31'), warn: sgr('33'), dim: sgr('2') };

export function paintFor(env: Readonly<Record<string, string | undefined>>, stdoutIsTty: boolean): Paint {
  const off = (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb';
  return stdoutIsTty && !off ? PAINT : NO_PAINT;
}
