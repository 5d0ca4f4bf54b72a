/**
 * The repository's root directory, found from this file's location whether it runs as TypeScript
 * (lib/) or inside the compiled CLI bundle (dist-cli/): the nearest directory up whose
 * package.json is this package's. Files that ship with the project (the example policy and seed)
 * are found from here, so the CLI works from any current directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'scf-backup';

function isOurs(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

export function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isOurs(dir)) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
