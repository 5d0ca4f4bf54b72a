/** `scf-backup cam-policy`: the least-privilege policies for what the policy file does. */
import { PolicyError } from '../policy/errors';
import { loadPolicyFile } from '../policy/load';
import { selectPolicies } from '../policy/parse';
import { withPlaceholders } from '../policy/placeholder-env';
import { parseArgs, stringFlag, UsageError } from './args';
import { camPolicy, huaweiIamPolicy } from './cam-policy';
import { ssmSecretStatements } from './cam-policy-ssm';
import { HuaweiSecretConfigError } from '../cloud/huawei-secret';
import { EXIT, type CliIo } from './io';
import { cliPolicyPath } from './policy-path';

const HELP = `Usage: scf-backup cam-policy [--policy FILE] [--function-prefix PREFIX]

Prints, as JSON, the least-privilege Tencent CAM policy (version 2.0) for the execution role of
the functions, covering exactly the actions the enabled policies need, and the Huawei IAM custom
policy for the IAM user whose AK/SK the functions use.

  --policy FILE              the policy file (default $SCF_BACKUP_POLICY, else policies/example.yaml)
  --function-prefix PREFIX   deployed function names start with this (default scf-backup-), for
                             the scf:InvokeFunction grant that lets a long run continue itself

With a Huawei policy enabled and HUAWEICLOUD_SDK_SECRET_NAME set (the functions then read the
Huawei keys from that Tencent SSM secret), the CAM policy also grants ssm:GetSecretValue on it.
`;

export async function camPolicyCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {
    policy: { type: 'string' },
    'function-prefix': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (args.flags.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  try {
    const file = loadPolicyFile(cliPolicyPath(stringFlag(args, 'policy'), io.env), withPlaceholders(io.env));
    const policies = selectPolicies(file);
    const tencentCam = camPolicy(policies, stringFlag(args, 'function-prefix'));
    tencentCam.statement.push(...ssmSecretStatements(policies, io.env));
    const output = {
      tencentCam,
      huaweiIam: huaweiIamPolicy(policies) ?? null,
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof PolicyError || error instanceof HuaweiSecretConfigError) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
