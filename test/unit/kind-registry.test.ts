/**
 * The registry is the one list of kinds: everything else that knows a kind (the schema's union,
 * the rate table, the error table, cam-policy, the functions, serverless.yml) is derived from it
 * or held to it here, and a kind whose descriptor lacks what the engine needs fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { API_RATES_PER_SECOND, NON_KIND_RATES_PER_SECOND } from '../../lib/cloud/api-rates';
import { classifyCode } from '../../lib/errors/cloud-error';
import { BACKUP_KINDS, policySchema } from '../../lib/policy/schema';
import { kindCodeClasses } from '../../lib/targets/error-codes';
import { FUNCTION_NAMES, kindsOfFunction } from '../../lib/targets/functions';
import { TARGETS } from '../../lib/targets/registry';

const ROOT = join(__dirname, '../..');
const targets = Object.entries(TARGETS);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('each kind descriptor', () => {
  it.each(targets)('%s is registered under its own name', (kind, target) => {
    expect(target.kind).toBe(kind);
  });

  it.each(targets.filter(([, t]) => t.mode === 'backup'))(
    '%s declares the codes of a busy and of a missing resource, and its quota codes',
    (_kind, target) => {
      expect(target.errors.busy.length).toBeGreaterThan(0);
      expect(target.errors.notFound.length).toBeGreaterThan(0);
      expect(Array.isArray(target.errors.quota)).toBe(true);
    },
  );

  it.each(targets)(
    '%s: its codes are classified as it declares them (no kind contradicts another)',
    (_k, t) => {
      for (const [code, errorClass] of kindCodeClasses([t]))
        expect(classifyCode(code), code).toBe(errorClass);
      for (const code of t.errors.quota) expect(classifyCode(code), code).toBe('permanent');
    },
  );

  it.each(targets)('%s: the rate table paces each of its calls at the rate it declares', (_k, target) => {
    for (const [api, call] of Object.entries(target.calls)) {
      expect(API_RATES_PER_SECOND[api], api).toBe(call.perSecond);
      expect(
        NON_KIND_RATES_PER_SECOND[api],
        `${api} is the kind's, not in the non-kind table`,
      ).toBeUndefined();
    }
  });

  it.each(targets)('%s: grants one action per call, in its cloud', (_k, target) => {
    const actions = target.permissions.tencentCam ?? target.permissions.huaweiIam ?? [];
    expect(actions.slice(0, target.apis.length)).toEqual(Object.values(target.calls).map((c) => c.action));
    expect(target.cloud === 'tencent' ? target.permissions.tencentCam : target.permissions.huaweiIam).toBe(
      actions,
    );
  });
});

describe('what is derived from the registry', () => {
  it('the policy schema accepts exactly the registered kinds', () => {
    expect([...BACKUP_KINDS]).toEqual(Object.keys(TARGETS));
    const result = policySchema.safeParse({ kind: 'not-a-kind' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(Object.keys(TARGETS).join(', '));
  });

  it('every function the kinds name has its entry file, and no other entry exists', () => {
    const entries = readdirSync(join(ROOT, 'functions')).map((f) => f.replace(/\.ts$/, ''));
    expect(entries.sort()).toEqual([...FUNCTION_NAMES].sort());
    for (const name of FUNCTION_NAMES) {
      expect(readFileSync(join(ROOT, 'functions', `${name}.ts`), 'utf8')).toContain(
        `createBackupFunction({ name: '${name}' })`,
      );
      expect(kindsOfFunction(name).length).toBeGreaterThan(0);
    }
  });

  it('serverless.yml deploys exactly the registry functions, each with its own handler', () => {
    const config = parseYaml(readFileSync(join(ROOT, 'serverless.yml'), 'utf8')) as {
      functions: Record<string, { handler: string }>;
    };
    expect(Object.keys(config.functions).sort()).toEqual([...FUNCTION_NAMES].sort());
    for (const [name, fn] of Object.entries(config.functions))
      expect(fn.handler).toBe(`${name}.main_handler`);
  });

  it('no file of lib/ outside lib/targets/ (nor functions/, the build) names a kind', () => {
    const files = [
      ...filesUnder(join(ROOT, 'lib')).filter((f) => !f.startsWith(join(ROOT, 'lib/targets/'))),
      ...filesUnder(join(ROOT, 'functions')),
      join(ROOT, 'esbuild.config.mjs'),
      join(ROOT, 'serverless.yml'),
    ];
    const named: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const kind of Object.keys(TARGETS)) {
        // As a string or a word of prose; a host name (`gaussdb-mysql.cn-east-5…`) is not a kind.
        if (new RegExp(`(?<![\\w.-])${kind}(?![\\w.-]|\\.\\w)`).test(text))
          named.push(`${relative(ROOT, file)}: ${kind}`);
      }
    }
    expect(named).toEqual([]);
  });
});
