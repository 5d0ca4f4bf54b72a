/**
 * The official Tencent Node SDK's request and response models (tencentcloud-sdk-nodejs, the
 * installed `*_models.d.ts`), read with the TypeScript compiler, and two checks against them: the
 * fields of a request object, and the field paths a client read from a response. A field the
 * model does not have is a name the cloud would ignore (request) or never send (response).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const SERVICES: Record<string, string> = {
  cbs: 'cbs/v20170312/cbs_models.d.ts',
  cdb: 'cdb/v20170320/cdb_models.d.ts',
  tke: 'tke/v20180525/tke_models.d.ts',
  scf: 'scf/v20180416/scf_models.d.ts',
};
const ROOT = join(__dirname, '../../node_modules/tencentcloud-sdk-nodejs/tencentcloud/services');

/** Interface name → field name → the model interface its value is (or holds), if any. */
export type Models = Map<string, Map<string, string | undefined>>;

const cache = new Map<string, Models>();

export function sdkModels(service: string): Models {
  const file = SERVICES[service];
  if (!file) throw new Error(`no SDK model file known for ${service}`);
  const cached = cache.get(service);
  if (cached) return cached;
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
  const models: Models = new Map();
  const names = new Set<string>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) names.add(node.name.text);
  });
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const fields = new Map<string, string | undefined>();
    for (const member of node.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      // `Array<Disk>`, `Disk[]`, `Disk`: the model named in the type, if any.
      const typeText = member.type.getText(source);
      const named = typeText.match(/[A-Za-z_]\w*/g)?.find((word) => names.has(word));
      fields.set(member.name.getText(source), named);
    }
    models.set(node.name.text, fields);
  });
  cache.set(service, models);
  return models;
}

/** Field paths of `value` (`Filters[].Name`) that `model` (`DescribeDisksRequest`) lacks. */
export function unknownRequestFields(models: Models, model: string, value: unknown, path = ''): string[] {
  const fields = models.get(model);
  if (!fields) return [`${path || model}: no model ${model}`];
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (!fields.has(key)) {
      out.push(at);
      continue;
    }
    const nested = fields.get(key);
    if (!nested) continue;
    const items = Array.isArray(child) ? child : [child];
    for (const item of items)
      out.push(...unknownRequestFields(models, nested, item, Array.isArray(child) ? `${at}[]` : at));
  }
  return [...new Set(out)];
}

/** Read paths (`DiskSet[].DiskId`) that do not exist in `model`'s shape. */
export function unknownReadPaths(models: Models, model: string, paths: Iterable<string>): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let current: string | undefined = model;
    for (const part of path.split('.')) {
      const name = part.replace(/\[\]$/, '');
      const fields: Map<string, string | undefined> | undefined = current ? models.get(current) : undefined;
      // RequestId is the envelope's, added to every Response by API 3.0.
      if (!fields || (!fields.has(name) && name !== 'RequestId')) {
        out.push(path);
        break;
      }
      current = fields.get(name);
    }
  }
  return out;
}

const IGNORED = new Set([
  'then',
  'toJSON',
  'constructor',
  'length',
  'map',
  'filter',
  'forEach',
  'some',
  'every',
  'find',
  'flatMap',
  'slice',
  'concat',
  'includes',
  'indexOf',
  'reduce',
  'entries',
  'keys',
  'values',
  'push',
  'join',
  'sort',
]);

/**
 * `value` wrapped so every property read is recorded as a path (`DiskSet[].DiskId`), whether the
 * property exists or not: a misspelt read is caught even though it only ever yields undefined.
 */
export function tracked<T>(value: T, reads: Set<string>, path = ''): T {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const result = Reflect.get(target, key, receiver);
      // Symbols, and what `await` and JSON ask of any object, are not field reads.
      if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return result;
      const isArray = Array.isArray(target);
      if (isArray && (IGNORED.has(key) || !/^\d+$/.test(key))) {
        return typeof result === 'function' ? result.bind(receiver) : result;
      }
      if (!isArray && IGNORED.has(key) && typeof result === 'function') return result;
      const at = isArray ? `${path}[]` : path ? `${path}.${key}` : key;
      if (!isArray) reads.add(at);
      return tracked(result, reads, at);
    },
  }) as T;
}
