/**
 * The code package `npm run package` made: its bytes (sent base64 as the function code) and the
 * policy.json inside it, which is the policy the functions will run, so the environment check
 * (function-env.ts) looks at what is deployed rather than at a file that may have changed since.
 * A zip is read through its central directory; only stored and deflated entries occur here.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { DeployInputError } from './errors';

export interface CodePackage {
  path: string;
  bytes: Buffer;
  /** policy.json from the zip root, parsed. */
  policy: unknown;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function readCodePackage(path: string): CodePackage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new DeployInputError(`${path}: cannot be read (${reason}); run 'npm run package' first`, {
      cause: error,
    });
  }
  const text = zipEntry(bytes, 'policy.json', path).toString('utf8');
  try {
    return { path, bytes, policy: JSON.parse(text) };
  } catch (error) {
    throw new DeployInputError(`${path}: policy.json is not JSON`, { cause: error });
  }
}

export function zipEntry(zip: Buffer, wanted: string, path: string): Buffer {
  const notZip = (why: string) =>
    new DeployInputError(`${path}: not a code package from 'npm run package' (${why})`);
  // The end record is the last 22 bytes plus a comment of at most 64 KiB.
  let eocd = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw notZip('no end-of-central-directory record');
  let at = zip.readUInt32LE(eocd + 16);
  for (let count = zip.readUInt16LE(eocd + 10); count > 0; count -= 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_ENTRY) throw notZip('bad central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === wanted) {
      const method = zip.readUInt16LE(at + 10);
      const compressedSize = zip.readUInt32LE(at + 20);
      const local = zip.readUInt32LE(at + 42);
      if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw notZip(`bad local header of ${wanted}`);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const raw = zip.subarray(start, start + compressedSize);
      if (method === 0) return raw;
      if (method === 8) return inflateRawSync(raw);
      throw notZip(`${wanted} uses compression method ${method}`);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw notZip(`no ${wanted} at its root`);
}
