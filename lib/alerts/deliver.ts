/**
 * Delivers one aggregated alert per channel for a run's failures. Each channel referenced by a
 * failing policy gets one message about the failing policies that reference it, paced under the
 * channel's rate limit and retried with backoff on transient failures. Partial delivery is a
 * result for the caller to log; no delivery at all, when there was something to say, throws
 * AlertDeliveryError so the invocation fails and SCF records it.
 */
import type { RunReport } from '../engine/types';
import { httpRequest } from '../http/request';
import type { HttpTransport } from '../http/types';
import { adapterFor } from './channels';
import { AlertDeliveryError } from './errors';
import { channelSecrets, createRedactor, type Redactor } from './redact';
import { type ChannelPacer, createChannelPacer } from './pacing';
import { realSleep } from '../throttle/throttle';
import { createLogger } from '../engine/log';
import { policyHasFailures } from './summary';
import { sendWithRetry, type RetryPolicy } from './send';
import type { AlertChannel, AlertDeliveryResult, AlertLogger } from './types';

export interface DeliverAlertsOptions {
  report: RunReport;
  /** Channels by name, as the policy file defines them. */
  channels: Record<string, AlertChannel>;
  /** Policy name → the names of the channels it alerts. */
  policyChannels: Record<string, string[]>;
  transport?: HttpTransport;
  /** Epoch milliseconds. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: AlertLogger;
  /** Shared per process by default; with an injected clock or sleep, a fresh one using them. */
  pacer?: ChannelPacer;
  retry?: Partial<RetryPolicy>;
  /** The caller's redactor (cloud keys, the trigger's secret…); the channels' secrets are added to it. */
  redactor?: Redactor;
}

const processPacer = createChannelPacer();

/** Channel name → the failing policies that name it, in report order. */
function channelsToAlert(report: RunReport, policyChannels: Record<string, string[]>): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const policy of report.policies) {
    if (!policyHasFailures(policy)) continue;
    for (const channel of new Set(policyChannels[policy.name] ?? [])) {
      targets.set(channel, [...(targets.get(channel) ?? []), policy.name]);
    }
  }
  return targets;
}

export async function deliverAlerts(options: DeliverAlertsOptions): Promise<AlertDeliveryResult[]> {
  const { report, channels } = options;
  // The project's one logger (JSON lines on the console), until the caller passes its own.
  const logger =
    options.logger ?? createLogger({ write: (line) => console.log(line), redactor: options.redactor });
  const targets = channelsToAlert(report, options.policyChannels);
  if (targets.size === 0) {
    const failing = report.policies.filter(policyHasFailures).map((p) => p.name);
    if (failing.length > 0)
      logger.warn('failures with no alert channel configured', { runId: report.runId, policies: failing });
    return [];
  }

  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const pacer =
    options.pacer ?? (options.clock || options.sleep ? createChannelPacer({ clock, sleep }) : processPacer);
  // Every configured secret, not only the target's: a message or error may quote any of them.
  const secrets = Object.values(channels).flatMap(channelSecrets);
  const redact = options.redactor ?? createRedactor();
  redact.add(secrets);

  const results = await Promise.all(
    [...targets].map(async ([name, policyNames]): Promise<AlertDeliveryResult> => {
      const channel = Object.hasOwn(channels, name) ? channels[name] : undefined;
      const adapter = channel ? adapterFor(channel.type) : undefined;
      if (!channel || !adapter) {
        return {
          channel: name,
          type: 'unknown',
          ok: false,
          attempts: 0,
          error: `alert channel "${redact(name)}" is not defined`,
        };
      }
      return sendWithRetry({
        name,
        channel,
        adapter,
        report,
        policyNames,
        transport: options.transport ?? httpRequest,
        clock,
        sleep,
        pacer,
        logger,
        redact,
        retry: options.retry,
      });
    }),
  );

  for (const result of results) {
    if (result.ok)
      logger.info('alert delivered', {
        runId: report.runId,
        channel: result.channel,
        attempts: result.attempts,
      });
  }
  if (results.every((result) => !result.ok)) throw new AlertDeliveryError(results);
  return results;
}
