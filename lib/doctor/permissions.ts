/**
 * Permissions, from the actions `scf-backup cam-policy` grants (the same derivation from the
 * targets): each read action is exercised by the policy checks; no write action is sent, and each
 * says whether it could be checked without side effects on its cloud, and how.
 */
import { camPolicy, huaweiIamPolicy } from '../cli/cam-policy';
import type { BackupPolicy } from '../policy/schema';
import { TARGETS } from '../targets/registry';
import type { CallRecord } from './recording-clients';
import { refusalOf } from './refusals';
import { fail, ok, skip, type Check } from './types';

const READ_ONLY = /:(Describe|List|Get|Query)|:list$/;

const GRANTEE = {
  tencent: "the function's execution role (scf-backup cam-policy prints the grant)",
  huawei: 'the IAM user of HUAWEICLOUD_SDK_AK (scf-backup cam-policy prints the grant)',
};

/**
 * Why a write action is not checked. A refused call with a made-up id tells "no permission" from
 * "not found" only where the API answers them apart: Tencent's refusal is
 * AuthFailure.UnauthorizedOperation (CAM, common error codes), GaussDB's DBS.200010 (403); DWS
 * answers both with DWS.0015 (403), so a refusal proves nothing there. The doctor sends none of
 * them: it makes no write call at all.
 */
function writeNote(action: string, api: string): string {
  const verb = api.split('.')[1] ?? api;
  if (/^Create|Invoke/.test(verb) || /:create$/.test(action)) {
    return `not checkable without side effects: the only call that tests ${verb} ${verb.startsWith('Invoke') ? 'runs a function' : 'makes a backup'}; the first run shows it`;
  }
  if (api.startsWith('dws.')) {
    return `not checkable: DWS answers DWS.0015 (403) both for "no permission" and "not found", so a ${verb} of a made-up id proves nothing`;
  }
  const code = api.startsWith('gaussdb.') ? 'DBS.200010 (403)' : 'AuthFailure.UnauthorizedOperation';
  return `not checked (the doctor makes no write call): a ${verb} of a made-up id would answer ${code} without the grant and "not found" with it`;
}

/** Action → the API that needs it, paired in each target's declaration order. */
function apiOfAction(): Map<string, string> {
  const map = new Map<string, string>();
  for (const target of Object.values(TARGETS)) {
    const actions = target.permissions.tencentCam ?? target.permissions.huaweiIam ?? [];
    actions.forEach((action, i) => map.set(action, target.apis[i] ?? action));
  }
  map.set('scf:InvokeFunction', 'scf.Invoke');
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
    if (!READ_ONLY.test(action)) return skip('permission', action, writeNote(action, api));
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
    return skip('permission', action, `not exercised: ${api} was not answered (see the lines above)`);
  });
}
