import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { PolicyError } from './errors';
import type { Env } from './interpolate';
import { parsePolicyObject } from './parse';
import type { PolicyFile } from './schema';

/**
 * Reading a policy file: YAML → parsePolicyObject. Nothing here calls a cloud, so a bad file is
 * rejected before any request is made.
 */
export { DEFAULT_POLICY_PATH, policyPath, selectPolicies } from './parse';

export function loadPolicyFile(path: string, env: Env): PolicyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new PolicyError(path, [{ path: '(file)', message: `cannot be read (${reason})` }], {
      cause: error,
    });
  }
  return parsePolicyText(text, env, path);
}

export function parsePolicyText(text: string, env: Env, sourceName = '(policy)'): PolicyFile {
  return parsePolicyObject(parseYaml(text, sourceName), env, sourceName);
}

function parseYaml(text: string, sourceName: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const where = e.linePos?.[0];
      const at = where ? `line ${where.line}, column ${where.col}: ` : '';
      // yaml appends the position and a source excerpt; keep one line, position first.
      const reason = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return { path: '(yaml)', message: `${at}${reason}` };
    });
    throw new PolicyError(sourceName, issues);
  }
  // A cap on alias expansion: a hostile file must not balloon in memory ("billion laughs").
  return doc.toJS({ maxAliasCount: 100 });
}
