/**
 * Alert channels of the checked policies: the URL parses and its host resolves; with
 * --send-test-alert, one message marked as a test goes to each channel through its own adapter
 * and the channel's answer is checked. Only hosts are shown: the rest of a webhook URL is a secret.
 */
import { lookup } from 'node:dns/promises';
import { adapterFor } from '../alerts/channels';
import type { AlertSummary } from '../alerts/summary';
import type { AlertChannel } from '../alerts/types';
import type { Env } from '../cloud/credentials';
import type { HttpTransport } from '../http/types';
import type { BackupPolicy, PolicyFile } from '../policy/schema';
import { fail, ok, skip, type Check } from './types';

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

/** The variable the channel's URL came from (the file only ever holds `${env:NAME}`). */
function urlVariable(env: Env, url: string): string {
  const names = Object.keys(env).filter((name) => env[name]?.trim() === url);
  return names[0] ?? "the channel's url variable";
}

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
    const code = (error as { code?: unknown }).code;
    return fail(
      'alert',
      name,
      `${host} did not answer: ${typeof code === 'string' ? code : 'error'}`,
      `check ${variable}`,
    );
  }
}

export async function alertChecks(options: AlertCheckOptions): Promise<Check[]> {
  const names = [...new Set(options.policies.flatMap((p) => p.alerts))].sort();
  if (names.length === 0) return [skip('alert', '(none)', 'no alert channel: failures will only be logged')];
  const checks: Check[] = [];
  for (const name of names) {
    const channel = options.file.alerts[name];
    if (!channel) continue; // the policy file's own validation refuses undefined channels
    const variable = urlVariable(options.env, channel.url);
    let url: URL;
    try {
      url = new URL(channel.url);
    } catch {
      checks.push(
        fail(
          'alert',
          name,
          `the ${channel.type} URL does not parse`,
          `set ${variable} to the channel's webhook URL`,
        ),
      );
      continue;
    }
    try {
      await lookup(url.hostname);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      checks.push(
        fail('alert', name, `host ${url.hostname} does not resolve (${String(code)})`, `check ${variable}`),
      );
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
