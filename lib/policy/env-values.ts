/**
 * Validation errors never echo a value that came from `${env:…}`: a variable may hold a secret
 * (`regions: ['${env:TENCENTCLOUD_SECRETKEY}']` is a slip, not a reason to print the key), and
 * these errors are printed by `validate` and `run`, logged and returned by the functions.
 */
import type { RawPath, ResolvedString } from './interpolate';

/** ` (did you mean `x`?)`, as suggest.ts writes it: derived from the value, so it goes too. */
const DID_YOU_MEAN = / \(did you mean `[^`]*`\?\)/g;
/** What rule messages quote: `value` (most) or "value" (zod, the schedule). */
const QUOTED = /`([^`]*)`|"([^"]*)"/g;

const startsWith = (path: RawPath, prefix: RawPath) =>
  prefix.length <= path.length && prefix.every((part, i) => path[i] === part);

/**
 * `message` about `path`, with every resolved value hidden. A message about a resolved string
 * (or about the list or mapping holding one) shows the string as written, `${env:NAME}`, quotes
 * any part of a value as `…` and loses its did-you-mean; and wherever a value of some variable
 * still appears, it is replaced by the reference that brought it in.
 */
export function hideEnvValues(message: string, path: RawPath, resolved: readonly ResolvedString[]): string {
  let out = message;
  const related = resolved.filter((r) => startsWith(path, r.path) || startsWith(r.path, path));
  if (related.length > 0) {
    out = out.replace(DID_YOU_MEAN, '').replace(QUOTED, (whole, tick?: string, quote?: string) => {
      const fragment = tick ?? quote ?? '';
      const own = related.find((r) => r.text === fragment);
      if (own) return `\`${own.written}\``;
      const partOfValue = related.some(
        (r) => r.text.includes(fragment) || r.values.some(({ value }) => fragment.includes(value)),
      );
      return fragment !== '' && partOfValue ? '`…`' : whole;
    });
  }
  // Shorter values would garble the message (a `1` in every number) and could hide nothing.
  const values = resolved
    .flatMap((r) => r.values)
    .filter(({ value }) => value.length >= 4)
    .sort((a, b) => b.value.length - a.value.length);
  for (const { name, value } of values) out = out.split(value).join(`\${env:${name}}`);
  return out;
}
