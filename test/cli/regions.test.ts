/**
 * Region names and Huawei project ids are checked by `validate` (issue 10): a typo is refused
 * with a suggestion (exit 2, nothing called), a region opened after the official lists were
 * copied passes when the policy allows it by name, and one project id cannot serve two regions.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'scfb-regions-'));
function policyFile(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `version: 1\npolicies:\n${body}`);
  return path;
}
const disks = (regions: string, extra = '') => `  - name: nightly-disks
    kind: cbs-disk
    schedule: '0 0 2 * * * *'
    regions: ${regions}
${extra}    select: { tags: { backup: nightly } }
    retention: { keepLast: 7 }
`;
const warehouse = `  - name: dws-nightly
    kind: dws-cluster
    schedule: '0 0 2 * * * *'
    regions: [cn-north-4, cn-east-3]
    select: { tags: { backup: nightly } }
    retention: { keepLast: 7 }
`;

describe('scf-backup validate and regions', () => {
  it('refuses a misspelt region with a suggestion, exit status 2', async () => {
    const path = policyFile('typo.yaml', disks('[ap-guangzou, ap-shangai]'));
    const result = await cli(['validate', '--policy', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `${path}: policies[0].regions[0]: \`ap-guangzou\` is not a Tencent Cloud region cbs-disk is offered in (did you mean \`ap-guangzhou\`?)`,
    );
    expect(result.stderr).toContain('policies[0].regions[1]: `ap-shangai` is not a Tencent Cloud region');
    expect(result.stderr).toContain('(did you mean `ap-shanghai`?)');
  });

  it('refuses a Huawei region the service is not offered in', async () => {
    const path = policyFile('mars.yaml', warehouse.replace('cn-east-3', 'cn-north-99'));
    const result = await cli(['validate', '--policy', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'policies[0].regions[1]: `cn-north-99` is not a Huawei Cloud region dws-cluster',
    );
  });

  it('accepts a region the lists do not know when the policy allows it by name', async () => {
    const path = policyFile(
      'new.yaml',
      disks('[ap-guangzhou, ap-newcity]', '    allowRegions: [ap-newcity]\n'),
    );
    const result = await cli(['validate', '--policy', path]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses HUAWEICLOUD_SDK_PROJECT_ID for a policy over two regions, and accepts a map or none', async () => {
    const path = policyFile('warehouse.yaml', warehouse);
    const env = { HUAWEICLOUD_SDK_PROJECT_ID: '0123456789abcdef0123456789abcdef' };
    const refused = await cli(['validate', '--policy', path], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('policies[0].regions: HUAWEICLOUD_SDK_PROJECT_ID names one project');
    expect((await cli(['validate', '--policy', path])).code).toBe(0);
    const mapped = policyFile(
      'mapped.yaml',
      warehouse.replace(
        '    select:',
        '    projectIds: { cn-north-4: 0123456789abcdef0123456789abcdef, cn-east-3: fedcba9876543210fedcba9876543210 }\n    select:',
      ),
    );
    expect((await cli(['validate', '--policy', mapped], env)).code).toBe(0);
  });
});
