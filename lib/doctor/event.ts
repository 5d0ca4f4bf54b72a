/**
 * The console event `{"doctor": true}`: the doctor run inside a deployed function, with its
 * execution role and its environment, over the policies of the function's kinds. The report is
 * the invocation's return value and one log line; nothing is run or changed.
 */
import * as z from 'zod/mini';
import type { Env } from '../cloud/credentials';
import type { Logger } from '../engine/log';
import type { HttpTransport } from '../http/types';
import { selectPolicies } from '../policy/parse';
import type { BackupKind, PolicyFile } from '../policy/schema';
import { formatChecklist } from './checklist';
import { runDoctor } from './run';
import { doctorReport, skip, type DoctorReport } from './types';

export const doctorEventSchema = z.strictObject({
  doctor: z.literal(true),
  /** The only change the doctor may make: one test message to each alert channel. */
  sendTestAlert: z.optional(z.boolean()),
  policies: z.optional(z.array(z.string())),
});
export type DoctorEvent = z.infer<typeof doctorEventSchema>;

/** `doctor` present at all: the event is meant for the doctor, and must then be valid. */
export function isDoctorEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && !Array.isArray(event) && 'doctor' in event;
}

export interface DoctorInvocation {
  event: DoctorEvent;
  file: PolicyFile;
  kinds: readonly BackupKind[];
  env: Env;
  log: Logger;
  transport?: HttpTransport;
}

/** The report, with its checklist lines for people reading it in the SCF console. */
export type DoctorAnswer = DoctorReport & { checklist: string[] };

export async function doctorInvocation(invocation: DoctorInvocation): Promise<DoctorAnswer> {
  const { event, file, kinds } = invocation;
  const policies = selectPolicies(file, event.policies).filter((p) => kinds.includes(p.kind));
  if (policies.length === 0) {
    const why = `not checkable: no enabled policy of ${kinds.join(', ')} in this function's policy.json`;
    return answerOf(doctorReport([], [skip('discovery', kinds.join(', '), why)]), invocation.log);
  }
  const report = await runDoctor({
    file,
    policies,
    env: invocation.env,
    sendTestAlert: event.sendTestAlert ?? false,
    transport: invocation.transport,
  });
  return answerOf(report, invocation.log);
}

function answerOf(report: DoctorReport, log: Logger): DoctorAnswer {
  const answer = { ...report, checklist: formatChecklist(report).split('\n') };
  // The report's own fields at the top level, as the run report's log line has them.
  log.info('doctor report', { ...answer });
  return answer;
}
