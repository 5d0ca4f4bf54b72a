/**
 * Permissions, from the actions `scf-backup cam-policy` grants (the same derivation from the
 * targets): each read action is exercised by the policy checks; no write action is sent, and each
 * says whether it could be checked without side effects on its cloud, and how.
 */
import { camPolicy, huaweiIamPolicy } from '../cli/cam-policy';
import type { BackupPolicy } from '../policy/schema';
import { HUAWEI_IAM_DISCOVERY } from '../targets/huawei-project';
import { TARGETS } from '../targets/registry';
import type { CallRecord } from './recording-clients';
import { refusalOf } from './refusals';
import { fail, ok, skip, type Check } from './types';
import { writeActionNote } from './write-actions';

const READ_ONLY = /:(Describe|List|Get|Query|list)/;

const GRANTEE = {
  tencent: "the function's execution role (scf-backup cam-policy prints the grant)",
  huawei: 'the IAM user of HUAWEICLOUD_SDK_AK (scf-backup cam-policy prints the grant)',
};

/** Action → the API that needs it, paired in each target's declaration order. */
function apiOfAction(): Map<string, string> {
  const map = new Map<string, string>();
  for (const target of Object.values(TARGETS)) {
    const actions = target.permissions.tencentCam ?? target.permissions.huaweiIam ?? [];
    actions.forEach((action, i) => {
      if (target.apis[i]) map.set(action, target.apis[i]);
    });
  }
  map.set('scf:InvokeFunction', 'scf.Invoke');
  map.set(HUAWEI_IAM_DISCOVERY, 'iam.KeystoneListProjects');
  return map;
}

export function permissionChecks(policies: BackupPolicy[], records: CallRecord[]): Check[] {
  const apis = apiOfAction();
  const tencent = policies.some((p) => TARGETS[p.kind].cloud === 'tencent')
    ? camPolicy(policies).statement.flatMap((s) => s.action)
    : [];
  const huawei = huaweiIamPolicy(policies)?.Statement.flatMap((s) => s.Action) ?? [];
  const actions = [
    ...tencent.map((action) => ({ action, cloud: 'tencent' as const })),
    ...huawei.map((action) => ({ action, cloud: 'huawei' as const })),
  ];
  return actions.map(({ action, cloud }) => {
    const api = apis.get(action) ?? action;
    if (!READ_ONLY.test(action)) return skip('permission', action, writeActionNote(api));
    const calls = records.filter((r) => r.api === api);
    const refused = calls.find((r) => r.error && refusalOf(r.error) === 'permission');
    if (refused?.error) {
      return fail(
        'permission',
        action,
        `${api} was refused: ${refused.error.code}`,
        `grant ${action} to ${GRANTEE[cloud]}`,
      );
    }
    if (calls.some((r) => !r.error)) return ok('permission', action, `exercised: ${api} answered`);
    if (calls.length === 0)
      return skip('permission', action, `not exercised: nothing called ${api} (see the lines above)`);
    return skip('permission', action, `not exercised: ${api} was not answered (see the lines above)`);
  });
}
