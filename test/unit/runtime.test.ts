/**
 * The functions' runtime and their bundle target stay in step: the target esbuild builds for is
 * the Node.js version of serverless.yml's runtime, as deploy reads that file; and the runtime is
 * the newest LTS SCF's own docs confirm (docs/deploy.md "Runtime").
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_TARGET, nodeTarget } from '../../esbuild.config.mjs';
import { loadServiceSpec } from '../../lib/deploy/serverless-config';
import { REPO_ROOT } from '../helpers/docs-examples';

describe('the functions runtime', () => {
  const spec = loadServiceSpec(join(REPO_ROOT, 'serverless.yml'), { options: {}, env: {} });

  it('is Nodejs20.19 for every function, and the bundles target node20.19', () => {
    expect(new Set(spec.functions.map((f) => f.runtime))).toEqual(new Set(['Nodejs20.19']));
    expect(NODE_TARGET).toBe('node20.19');
  });

  it('moves the bundle target with the runtime, and refuses a runtime that is not Node.js', () => {
    expect(nodeTarget('provider:\n  runtime: Nodejs24.11\n')).toBe('node24.11');
    expect(() => nodeTarget('provider:\n  runtime: Python3.10\n')).toThrow(/not a NodejsX\.Y runtime/);
    expect(() => nodeTarget('provider: {}\n')).toThrow(/not a NodejsX\.Y runtime/);
  });
});
