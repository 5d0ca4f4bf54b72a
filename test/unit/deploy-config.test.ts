/** serverless.yml as deploy reads it: the variable forms it uses, the plugin's naming and merging. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeployInputError } from '../../lib/deploy/errors';
import { loadServiceSpec, resolveVariables } from '../../lib/deploy/serverless-config';
import { timerCron } from '../../lib/deploy/plan';

const scratch = mkdtempSync(join(tmpdir(), 'scf-backup-deploy-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function specOf(yaml: string, env: Record<string, string | undefined> = {}) {
  const path = join(scratch, `s${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(path, yaml);
  return loadServiceSpec(path, { options: {}, env });
}

describe('deploy: serverless.yml', () => {
  it('resolves ${opt:…} and ${env:…} with and without defaults; empty counts as unset', () => {
    const r = { options: { stage: 'test' }, env: { A: 'a', EMPTY: '' } };
    expect(resolveVariables("${opt:stage, 'prod'}", 'x', r)).toBe('test');
    expect(resolveVariables("${opt:region, 'ap-guangzhou'}", 'x', r)).toBe('ap-guangzhou');
    expect(resolveVariables('${env:A}-${env:B, "b"}', 'x', r)).toBe('a-b');
    expect(resolveVariables("${env:EMPTY, ''}", 'x', r)).toBe('');
    expect(resolveVariables('${env:NONE}', 'x', r)).toBe('');
    expect(() => resolveVariables('${self:service}', 'x', r)).toThrow(DeployInputError);
  });

  it("reads the repository's serverless.yml: names, handlers, settings, variables and timers", () => {
    const spec = loadServiceSpec(resolve(__dirname, '../../serverless.yml'), {
      options: { stage: 'qa' },
      env: { SCF_BACKUP_WEBHOOK_SECRET: 's' },
    });
    expect(spec).toMatchObject({ service: 'scf-backup', stage: 'qa', region: 'ap-guangzhou' });
    expect(spec.functions.map((f) => f.name)).toEqual([
      'scf-backup-qa-disk-backup',
      'scf-backup-qa-database-backup',
      'scf-backup-qa-warehouse-backup',
      'scf-backup-qa-backup-repository',
    ]);
    expect(spec.functions[0]).toMatchObject({
      handler: 'disk-backup.main_handler',
      runtime: 'Nodejs20.19',
      memorySize: 256,
      timeoutSec: 900,
      role: 'scf-backup-runtime',
      variables: {
        BACKUP_WEBHOOK_SECRET: 's',
        NODE_OPTIONS: '--max-old-space-size=192',
        HUAWEICLOUD_SDK_AK: '',
      },
      timers: [{ name: 'every-15-minutes', cron: '0 */15 * * * * *', enabled: true }],
    });
  });

  it('merges function settings over the provider, and refuses reserved variable names and bad crons', () => {
    const base = `service: s\nprovider: { name: tencent, runtime: Nodejs18.15, memorySize: 256, environment: { variables: { A: '1' } } }\n`;
    const spec = specOf(
      `${base}functions: { f: { handler: f.main_handler, memorySize: 512, environment: { variables: { B: '2' } } } }\n`,
    );
    expect(spec.functions[0]).toMatchObject({
      name: 's-dev-f',
      memorySize: 512,
      timeoutSec: 3,
      variables: { A: '1', B: '2' },
    });
    expect(() => specOf(`${base}functions: { f: { environment: { variables: { SCF_X: '1' } } } }\n`)).toThrow(
      /reserves the prefixes/,
    );
    expect(() =>
      specOf(
        `${base}functions: { f: { events: [{ timer: { name: t, parameters: { cronExpression: '*/5 * * * *' } } }] } }\n`,
      ),
    ).toThrow(DeployInputError);
    expect(() => specOf(`${base}functions: { f: { events: [{ apigw: { name: a } }] } }\n`)).toThrow(
      /timer triggers only/,
    );
  });

  it('reads a timer TriggerDesc as JSON {"cron"} or as the bare cron', () => {
    expect(timerCron('{"cron":"0 */15 * * * * *"}')).toBe('0 */15 * * * * *');
    expect(timerCron(' 0 0 2 * * * * ')).toBe('0 0 2 * * * *');
  });
});
