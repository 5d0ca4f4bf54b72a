import { parseDocument } from 'yaml';
import { PolicyError } from './errors';
import type { Env } from './interpolate';
import { readPolicyText } from './limits';
import { parsePolicyObject } from './parse';
import type { PolicyFile } from './schema';

/**
 * Reading a policy file: YAML → parsePolicyObject. Nothing here calls a cloud, so a bad file is
 * rejected before any request is made.
 */
export { DEFAULT_POLICY_PATH, policyPath, selectPolicies } from './parse';

export function loadPolicyFile(path: string, env: Env): PolicyFile {
  return parsePolicyText(readPolicyText(path), env, path);
}

/**
 * The document of a policy file, `${env:…}` left as written: what the build turns into
 * policy.json, read and parsed under the same caps and YAML rules as everything else.
 */
export function readPolicyDocument(path: string): unknown {
  return parseYaml(readPolicyText(path), path);
}

export function parsePolicyText(text: string, env: Env, sourceName = '(policy)'): PolicyFile {
  return parsePolicyObject(parseYaml(text, sourceName), env, sourceName);
}

/** Alias expansions allowed, counted as yaml's maxAliasCount counts them. */
const MAX_ALIAS_COUNT = 100;

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
  try {
    // A cap on alias expansion: a hostile file must not balloon in memory ("billion laughs").
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml throws a bare ReferenceError here; the person needs the file and the rule it broke.
    if (!(error instanceof ReferenceError)) throw error;
    const message = `aliases (*name) expand too far: more than ${MAX_ALIAS_COUNT} copies of anchored content; write the values out or use fewer aliases`;
    throw new PolicyError(sourceName, [{ path: '(yaml)', message }], { cause: error });
  }
}
