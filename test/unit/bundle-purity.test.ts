/**
 * The cloud SDKs are test dependencies only (the project's rule: no SDK in a bundle): types from
 * tencentcloud-sdk-nodejs are welcome, code from it or from @huaweicloud is not. Proven from
 * esbuild's metafile, which lists every file that went into a bundle.
 */
import { build, type Metafile } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const FORBIDDEN = ['tencentcloud-sdk-nodejs', '@huaweicloud'];

async function bundleInputs(contents: string): Promise<string[]> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'purity-entry.ts' },
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18.15',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys((result.metafile as Metafile).inputs);
}

function forbiddenIn(inputs: readonly string[]): string[] {
  return inputs.filter((path) => FORBIDDEN.some((name) => path.includes(name)));
}

/** The cloud clients now; every SCF function entry as soon as it exists in functions/. */
const ENTRIES: Array<[name: string, contents: string]> = [
  [
    'the cloud clients',
    // The type-only import must vanish: types from the SDK are fine, its code is not.
    "import type { CreateDiskBackupResponse } from 'tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_models';\n" +
      'export type Created = CreateDiskBackupResponse;\n' +
      "export * from './lib/cloud/tencent';\nexport * from './lib/cloud/huawei';\nexport * from './lib/cloud/credentials';",
  ],
  ...(existsSync(join(root, 'functions'))
    ? readdirSync(join(root, 'functions'))
        .filter((file) => file.endsWith('.ts'))
        .map((file): [string, string] => [`functions/${file}`, `export * from './functions/${file}';`])
    : []),
];

describe('bundle purity', () => {
  it.each(ENTRIES)('%s bundle carries no cloud SDK code', async (_name, contents) => {
    const inputs = await bundleInputs(contents);
    expect(forbiddenIn(inputs)).toEqual([]);
    expect(inputs.length).toBeGreaterThan(1);
  });

  it('the client bundle holds the clients, signers and HTTP layer themselves', async () => {
    const inputs = await bundleInputs(ENTRIES[0]?.[1] ?? '');
    expect(inputs).toEqual(
      expect.arrayContaining([
        'lib/cloud/tencent.ts',
        'lib/cloud/huawei.ts',
        'lib/signing/tc3.ts',
        'lib/signing/sdk-hmac.ts',
        'lib/http/request.ts',
        'lib/throttle/throttle.ts',
      ]),
    );
  });

  it('would notice an SDK imported at run time', async () => {
    const inputs = await bundleInputs(
      "import Sign from 'tencentcloud-sdk-nodejs/tencentcloud/common/sign';\n" +
        "import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';\n" +
        'export const both = [Sign, AKSKSigner];',
    );
    const found = forbiddenIn(inputs);
    expect(found.some((path) => path.includes('tencentcloud-sdk-nodejs'))).toBe(true);
    expect(found.some((path) => path.includes('@huaweicloud'))).toBe(true);
  });
});
