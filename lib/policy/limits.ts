/**
 * Caps on a policy file, so a hostile or mistaken file gets a clear error (exit 2) instead of the
 * machine's memory: a 5 MB YAML file took 650 MB to load and 50 MB died out of memory. The size
 * is checked before the file is read, the number of policies before any of them is validated.
 * The example policy is 3 KB with 5 policies; these caps leave room for thousands of listed ids.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { PolicyError } from './errors';

export const MAX_POLICY_FILE_BYTES = 256 * 1024;
export const MAX_POLICIES = 200;

const fileError = (path: string, message: string, cause?: unknown) =>
  new PolicyError(path, [{ path: '(file)', message }], cause === undefined ? undefined : { cause });

/** The file's text, refused unread when it is too large or not a regular file. */
export function readPolicyText(path: string, maxBytes = MAX_POLICY_FILE_BYTES): string {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO with no writer would otherwise wait forever, before any check.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw fileError(path, `cannot be read (${reason})`, error);
  }
  try {
    const stat = fstatSync(fd);
    // A FIFO or device (/dev/zero) has no size to check and may never end.
    if (!stat.isFile()) throw fileError(path, 'is not a regular file');
    if (stat.size > maxBytes) {
      throw fileError(
        path,
        `is ${stat.size} bytes; a policy file may be at most ${maxBytes} bytes (${maxBytes / 1024} KiB): split it, one file per function`,
      );
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** policy.json as the build wrote it (the function side), under the same cap. */
export function readPolicyJson(path: string): unknown {
  const text = readPolicyText(path);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // V8's message quotes the text around the error: not repeated, whatever the file holds.
    throw new PolicyError(path, [{ path: '(json)', message: 'is not valid JSON (rebuild the function)' }]);
  }
}

/** More policies than MAX_POLICIES: refused before any of them is checked. */
export function checkPolicyCount(root: Record<string, unknown>, sourceName: string): void {
  const { policies } = root;
  if (Array.isArray(policies) && policies.length > MAX_POLICIES) {
    throw new PolicyError(sourceName, [
      {
        path: 'policies',
        message: `has ${policies.length} policies; a file may hold at most ${MAX_POLICIES}: split it`,
      },
    ]);
  }
}

/** Levels of nesting: a real policy needs about six (policies → [i] → select → tags → key). */
export const MAX_POLICY_DEPTH = 32;

/**
 * Nesting deeper than MAX_POLICY_DEPTH: refused before the recursive checks that would overflow
 * the stack on it (a 200 KB `[[[[…]]]]` does). Walked with an explicit stack, for that reason.
 */
export function checkPolicyDepth(root: unknown, sourceName: string): void {
  const pending: Array<[node: unknown, depth: number]> = [[root, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_POLICY_DEPTH) {
      throw new PolicyError(sourceName, [
        { path: '(root)', message: `nests deeper than ${MAX_POLICY_DEPTH} levels; no policy needs that` },
      ]);
    }
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
}
