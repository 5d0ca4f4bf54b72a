export const MAIN_HELP = `scf-backup — scheduled, policy-driven backups for Tencent Cloud and Huawei Cloud

Usage: scf-backup <command> [options]

Commands:
  validate     check a policy file; change nothing, call nothing
  plan         show what a run would create, skip and prune (read-only calls)
  run          create the due backups and prune the expired ones
  status       is every selected resource protected? (read-only; exit 1 when not)
  doctor       check keys, clock, hosts, projects, permissions and alerts (read-only)
  sim          start the local cloud simulator
  invoke       call a built function bundle the way SCF does
  cam-policy   print the least-privilege Tencent CAM and Huawei IAM policies
  deploy       put the packaged functions and their timers on SCF (npm run deploy)

Run 'scf-backup <command> --help' for a command's options; 'scf-backup --version' for the version.
Exit status: 0 everything asked for is done, 1 a target failed, 2 bad input (nothing changed).
`;

export const VALIDATE_HELP = `Usage: scf-backup validate [--policy FILE] [--now ISO-8601] [--json]

Checks the policy file: schema, schedules, retention, alert channels and the environment
variables they reference. Prints each policy with its next slot. Calls no API.

  --policy FILE   the policy file (default $SCF_BACKUP_POLICY, else policies/example.yaml)
  --now ISO-8601  show the next slots as seen from that instant instead of the clock
  --json          print the result as JSON on stdout ({file, valid, policies, warnings} or
                  {file, valid: false, errors}); the exit status is the same
`;

export const STATUS_HELP = `Usage: scf-backup status [--policy FILE] [--only NAME,…] [--now ISO-8601] [--sim [URL]]
                         [--json] [--html FILE]

Judges every selected resource from the backups it has (listing calls only; nothing changes):
fresh (newest good backup of ours within the policy's freshness bound), stale, never (no good
backup of ours), failed (every attempt at its latest slot failed) or creating; a TKE repository
is present or missing. Exit 0 when all are fresh, 1 when any is stale, never, failed or missing
(or a policy could not be checked), 2 for bad input.

  --policy FILE   the policy file (default $SCF_BACKUP_POLICY, else policies/example.yaml)
  --only NAME,…   only these policies
  --now ISO-8601  judge as if it were that instant
  --sim [URL]     use the cloud simulator (embedded, or the one running at URL)
  --json          print the status as JSON (the contract's shape)
  --html FILE     also write a self-contained page: a coverage grid per policy
`;

export const RUN_HELP = (
  command: 'plan' | 'run',
) => `Usage: scf-backup ${command} [--policy FILE] [--only NAME,…] [--now ISO-8601] [--sim [URL]] [--json]
                        [--force] [--time-limit SEC] [--verbose]

${
  command === 'plan'
    ? 'Plans the due policies: discovers resources, lists their backups and shows what a run would\ncreate, skip and prune. Only read APIs are called; nothing is changed.'
    : 'Runs the due policies: creates the backup of the current slot for every selected resource that\ndoes not have one yet, prunes expired backups made by this tool for the policy, and reports.'
}

  --policy FILE     the policy file (default $SCF_BACKUP_POLICY, else policies/example.yaml)
  --only NAME,…     only these policies
  --now ISO-8601    plan as if it were that instant (schedules, slots, retention ages)
  --force           back up now even where the schedule says nothing is due (never duplicates a slot)
  --sim [URL]       use the cloud simulator: an embedded one seeded with the example seed, or the
                    one running at URL (see 'scf-backup sim')
  --time-limit SEC  stop starting new work after SEC seconds, report status "continued" and
                    exit 1 (run again to finish: it picks up where this one stopped)
  --json            print only the run report (JSON) on stdout
  --verbose         write the run's JSON log lines (with the clouds' request ids) to stderr

Credentials come from the environment: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY
(TENCENTCLOUD_SESSIONTOKEN), HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK (HUAWEICLOUD_SDK_PROJECT_ID),
and TENCENTCLOUD_ENDPOINT / HUAWEICLOUD_ENDPOINT to point at another endpoint.
`;

export const DEPLOY_HELP = `Usage: scf-backup deploy [--zip FILE] [--region R] [--stage S] [--dry-run] [--only FUNCTION,…]
                        [--sim [URL]] [--json]

Puts the functions of serverless.yml (in the current directory) on Tencent SCF through the SCF
API 2018-04-16: creates a missing function, otherwise updates its code, and its configuration
when memory, timeout, role, description or environment differ; waits until each is Active; then
creates a missing timer trigger and replaces one whose cron or on/off differs. Running it again
changes nothing but the code. Function names are <service>-<stage>-<function>, namespace default.

  --zip FILE         the code package (default .serverless/scf-backup.zip, from 'npm run package');
                     its policy.json decides which variables the functions need
  --region R         the region (default: serverless.yml, i.e. ap-guangzhou)
  --stage S          the stage (default: serverless.yml, i.e. prod)
  --dry-run          print what would be created and updated; only GetFunction and ListTriggers
                     are called
  --only FUNCTION,…  only these functions (serverless.yml keys, e.g. disk-backup)
  --sim [URL]        deploy to the cloud simulator: an embedded one, or the one running at URL
  --json             print what was (or would be) done as JSON on stdout; variables by name only

The functions' environment is the variables serverless.yml names, read from this environment;
empty ones are left out. Deploy refuses (exit 2, before any call) when a variable an enabled
policy needs is unset: an alert channel's, or HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK (and
HUAWEICLOUD_SDK_PROJECT_ID unless every Huawei policy names projectId) for a Huawei policy.
Values are never printed. Deployer credentials: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY
(TENCENTCLOUD_SESSIONTOKEN), and TENCENTCLOUD_ENDPOINT to point at another endpoint.
Exit status: 0 deployed, 1 a function failed or conflicts (e.g. another runtime; then nothing
was changed), 2 bad input (nothing called).
`;

export const DOCTOR_HELP = `Usage: scf-backup doctor [--policy FILE] [--only NAME,…] [--sim [URL]] [--json] [--send-test-alert]

Checks what the first run will meet, without changing anything: the keys of each cloud the
enabled policies use and the clock against the cloud's (Tencent refuses signatures 5 minutes off,
Huawei 15), every host the policies call (with the time it took), Huawei project ids, each
policy's discovery (NothingSelected when it selects nothing) and one listing call with every
field the client reads, the read permissions (exercised) and the write permissions (said whether
they can be checked), and the alert channels. One line per check: ✓ good, ✗ to fix (with the
fix), – not checkable (with why). A deployed function runs the same checks with its own role for
the console event {"doctor": true}.

  --policy FILE       the policy file (default $SCF_BACKUP_POLICY, else policies/example.yaml)
  --only NAME,…       only these policies
  --sim [URL]         check against the cloud simulator (an embedded one, or the one at URL)
  --json              print the report as JSON
  --send-test-alert   send one message marked as a test to each alert channel (the only change made)

Exit status: 0 nothing to fix, 1 something to fix, 2 bad input.
`;
