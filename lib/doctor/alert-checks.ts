/**
 * Alert channels of the checked policies: the URL parses and its host resolves; with
 * --send-test-alert, one message marked as a test goes to each channel through its own adapter
 * and the channel's answer is checked. Only hosts are shown: the rest of a webhook URL is a secret.
 */
import { adapterFor } from '../alerts/channels';
import type { AlertSummary } from '../alerts/summary';
import type { AlertChannel } from '../alerts/types';
import type { Env } from '../cloud/credentials';
import type { HttpTransport } from '../http/types';
import type { BackupPolicy, PolicyFile } from '../policy/schema';
import { fail, ok, skip, type Check } from './types';
import { resolvableUrl, transportCode, urlVariable } from './url-checks';

export interface AlertCheckOptions {
  file: PolicyFile;
  policies: BackupPolicy[];
  env: Env;
  sendTestAlert: boolean;
  transport: HttpTransport;
  clock: () => number;
}

export const TEST_ALERT_TITLE = 'TEST from scf-backup doctor: nothing failed';
// Channels that show no title (WeCom text) still show the marker: it opens the text too.
const TEST_ALERT_TEXT = `${TEST_ALERT_TITLE}. This test message was sent by \`scf-backup doctor --send-test-alert\` to check this channel.`;

function testSummary(nowMs: number): AlertSummary {
  const at = new Date(nowMs).toISOString();
  return {
    runId: 'doctor-test',
    trigger: 'cli',
    status: 'succeeded',
    dryRun: true,
    startedAt: at,
    finishedAt: at,
    failureCount: 0,
    policies: [],
  };
}

async function sendTest(
  name: string,
  channel: AlertChannel,
  options: AlertCheckOptions,
  host: string,
): Promise<Check> {
  const adapter = adapterFor(channel.type);
  if (!adapter) return skip('alert', name, `no adapter for type ${channel.type}`);
  const nowMs = options.clock();
  const request = adapter.buildRequest(
    channel as never,
    { title: TEST_ALERT_TITLE, text: TEST_ALERT_TEXT },
    { nowMs, summary: testSummary(nowMs) },
  );
  const variable = urlVariable(options.env, channel.url);
  try {
    const answer = adapter.interpret(await options.transport({ ...request, timeoutMs: 10_000 }));
    if (answer.ok) return ok('alert', name, `test message delivered to ${host} and accepted`);
    return fail(
      'alert',
      name,
      `${host} refused the test message: ${answer.code}`,
      `check ${variable} (and the channel's secret, if it has one)`,
    );
  } catch (error) {
    return fail('alert', name, `${host} did not answer: ${transportCode(error)}`, `check ${variable}`);
  }
}

export async function alertChecks(options: AlertCheckOptions): Promise<Check[]> {
  const names = [...new Set(options.policies.flatMap((p) => p.alerts))].sort();
  if (names.length === 0) return [skip('alert', '(none)', 'no alert channel: failures will only be logged')];
  const checks: Check[] = [];
  for (const name of names) {
    const channel = options.file.alerts[name];
    if (!channel) continue; // the policy file's own validation refuses undefined channels
    const url = await resolvableUrl('alert', name, channel.url, urlVariable(options.env, channel.url));
    if (!(url instanceof URL)) {
      checks.push(url);
      continue;
    }
    checks.push(
      options.sendTestAlert
        ? await sendTest(name, channel, options, url.host)
        : ok(
            'alert',
            name,
            `${channel.type} URL parses and ${url.hostname} resolves (--send-test-alert sends a test)`,
          ),
    );
  }
  return checks;
}
