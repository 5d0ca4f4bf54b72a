/**
 * The HTTP body as JSON, strictly: UTF-8 only, and no key twice in one object. JSON.parse keeps
 * the last of a repeated key, so `{"dryRun":true,"dryRun":false}` would run for real while a
 * reader (or a proxy that checked the first) sees a dry run: such a body is refused instead.
 */
import { TextDecoder } from 'node:util';

// fatal: a body that is not UTF-8 is not JSON, rather than JSON with U+FFFD in it.
const utf8 = new TextDecoder('utf-8', { fatal: true });

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * The first key repeated within one object of `text`, which must already be valid JSON. One pass
 * with an explicit stack (one Set of keys per open object, null per array).
 */
export function firstDuplicateKey(text: string): string | undefined {
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text.charCodeAt(end) !== QUOTE) end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
      const keys = open.at(-1);
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === '{') {
      open.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      open.push(null);
    } else if (c === '}' || c === ']') {
      open.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = open.at(-1) != null;
    }
  }
  return undefined;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJsonBody(bytes: Buffer, expected: string): JsonBody {
  let text: string;
  let value: unknown;
  try {
    text = utf8.decode(bytes);
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: `body is not JSON (expected ${expected})` };
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined) {
    const key = JSON.stringify(duplicate.length > 40 ? `${duplicate.slice(0, 40)}…` : duplicate);
    return { ok: false, error: `body: key ${key} appears twice in one object; send it once` };
  }
  return { ok: true, value };
}
