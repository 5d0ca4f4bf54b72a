/**
 * What a run is asked to do and what it reports (docs/commands.md "The run report"). Every way in —
 * timer, console, HTTP, CLI — is normalized to a RunRequest; every way out carries a RunReport.
 */
import type { ProtectionNotice } from '../protection/notices';
import type { LastGood, Verdict } from '../protection/verdict';
import type { ErrorClass } from '../errors/cloud-error';

export const TRIGGERS = ['timer', 'console', 'http', 'cli'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export interface RunRequest {
  trigger: Trigger;
  /** Only these policies (by name); all the function's policies when absent. */
  policies?: string[];
  dryRun: boolean;
  /** Back up now even where the schedule says nothing is due (never duplicates a slot). */
  force: boolean;
  /** The instant the run plans for (a timer's `Time`, `--now`, or the clock). */
  now: Date;
  /** Set on a run that continues one that neared its time limit. */
  continuation?: { runId: string; attempt: number };
}

export type TargetAction = 'create' | 'skip' | 'prune' | 'ensure';
export type TargetOutcome = 'done' | 'planned' | 'skipped' | 'failed';

export interface ReportedError {
  code: string;
  message: string;
  requestId?: string;
  /**
   * How the failure was classified when the call failed (its HTTP status included): the SCF
   * retry decision reads this, never the code alone (a gateway's `HTTP.503` is transient).
   * Not enumerable: it travels with the report inside the process and stays out of its JSON,
   * whose error shape the contract fixes as {code, message, requestId}.
   */
  readonly errorClass?: ErrorClass;
}

export interface TargetReport {
  provider: 'tencent' | 'huawei';
  region: string;
  resourceId: string;
  action: TargetAction;
  outcome: TargetOutcome;
  backupId?: string;
  backupName?: string;
  reason?: string;
  /** Something that will go wrong later if left as it is (keepLast above the cloud's quota). */
  warning?: string;
  error?: ReportedError;
  /** The resource's protection as its listing showed it (on its create or skip entry). */
  protection?: { verdict: Verdict; lastGood: LastGood | null };
}

export interface PolicyReport {
  name: string;
  kind: string;
  /** The schedule slot this run backs up (ISO-8601 UTC), absent when nothing was due. */
  slot?: string;
  /** A run-now with nothing due: `slot` is the current minute, not one of the schedule's. */
  onDemand?: true;
  /** Why nothing was done (not due), or why planning failed. */
  reason?: string;
  targets: TargetReport[];
  /** A failure of the policy as a whole (discovery failed, credentials refused, NothingSelected…). */
  error?: ReportedError;
  /** The bound the resources' freshness was judged by. */
  freshnessSeconds?: number;
  /** Worth a look, not failures (an exclusion that matches nothing). */
  warnings?: string[];
  /** Protection findings this run alerts (failed or stuck backups, stale resources, the digest). */
  notices?: ProtectionNotice[];
}

export type RunStatus = 'succeeded' | 'partial' | 'failed' | 'continued';

export interface RunReport {
  runId: string;
  trigger: Trigger;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  status: RunStatus;
  policies: PolicyReport[];
  /** `stale` and `never`: resources whose protection verdict says so. */
  totals: { created: number; skipped: number; pruned: number; failed: number; stale: number; never: number };
}
