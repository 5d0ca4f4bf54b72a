/**
 * `npm run package` end to end: the real Serverless v3 CLI with serverless-tencent-scf, offline
 * (its preload refuses any network connection, so passing here also proves packaging made none).
 * Slow (a build plus the Serverless CLI), hence one test.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = resolve(__dirname, '../..');
const FUNCTIONS = ['disk-backup', 'database-backup', 'warehouse-backup', 'backup-repository'];
const EXPECTED_ENTRIES = [...FUNCTIONS.flatMap((f) => [`${f}.js`, `${f}.js.map`]), 'policy.json'].sort();
/** Put into the deployer's environment: serverless.yml reads them, the zip must never carry them. */
const SECRETS = {
  SCF_BACKUP_WEBHOOK_SECRET: 'pkg-test-webhook-7f3a9c',
  HUAWEICLOUD_SDK_SK: 'pkg-test-sk-51e0b2',
};

/** Just enough of a ZIP reader: the central directory, then each entry's stored or deflated data. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end-of-central-directory record');
  const entries = new Map<string, Buffer>();
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = zip.readUInt16LE(eocd + 10); i > 0; i--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const [method, compressedSize, size] = [
      zip.readUInt16LE(at + 10),
      zip.readUInt32LE(at + 20),
      zip.readUInt32LE(at + 24),
    ];
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? raw : undefined;
    if (data?.length !== size) throw new Error(`${name}: method ${method} or size mismatch`);
    entries.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

const scratch = mkdtempSync(join(tmpdir(), 'scf-backup-package-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run package', () => {
  it('zips each handler, its source map and policy.json at the zip root, and nothing else', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...SECRETS };
    delete env.SCF_BACKUP_POLICY; // the example policy, so the zip's policy.json can be checked
    const { stdout } = await promisify(execFile)('npm', ['run', 'package'], { cwd: root, env });
    expect(stdout).toContain('.serverless/scf-backup.zip');

    const zip = readFileSync(join(root, '.serverless', 'scf-backup.zip'));
    const entries = readZip(zip);
    // Exactly these, all at the root: no node_modules, TypeScript, tests, sim/, metafiles, config.
    expect([...entries.keys()].sort()).toEqual(EXPECTED_ENTRIES);

    const examplePolicy = parse(readFileSync(join(root, 'policies', 'example.yaml'), 'utf8'));
    expect(JSON.parse(entries.get('policy.json')!.toString('utf8'))).toEqual(examplePolicy);

    for (const name of FUNCTIONS) {
      expect(entries.get(`${name}.js`)!.toString('utf8')).toMatch(
        new RegExp(`//# sourceMappingURL=${name}\\.js\\.map\\s*$`),
      );
      const map = JSON.parse(entries.get(`${name}.js.map`)!.toString('utf8'));
      expect(map.version).toBe(3);
      expect(map.sources.filter((source: string) => isAbsolute(source))).toEqual([]); // no build-machine paths
    }
    for (const [name, data] of entries) {
      for (const secret of Object.values(SECRETS))
        expect(data.includes(secret), `${secret} in ${name}`).toBe(false);
    }

    // Load the unzipped handlers the way SCF does: `<file>.main_handler`, from the package root.
    const unzipped = join(scratch, 'code');
    mkdirSync(unzipped);
    for (const [name, data] of entries) writeFileSync(join(unzipped, name), data);
    const probe = `console.log(JSON.stringify(${JSON.stringify(FUNCTIONS)}.map((f) => typeof require('./' + f).main_handler)))`;
    const loaded = spawnSync(process.execPath, ['-e', probe], {
      cwd: unzipped,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout)).toEqual(FUNCTIONS.map(() => 'function'));
  }, 180_000);
});
