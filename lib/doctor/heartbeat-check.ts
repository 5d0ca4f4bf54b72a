/**
 * The heartbeat URL (a healthchecks-style monitor that alerts when runs stop): it parses and its
 * host resolves. A request to it is a ping the monitor counts as a run, so the doctor sends one
 * only with --send-test-alert, and checks that it is answered 2xx.
 */
import type { Env } from '../cloud/credentials';
import type { HttpTransport } from '../http/types';
import { fail, ok, skip, type Check } from './types';
import { resolvableUrl, transportCode, urlVariable } from './url-checks';

export interface HeartbeatCheckOptions {
  env: Env;
  sendTestAlert: boolean;
  transport: HttpTransport;
}

export async function heartbeatCheck(
  url: string | undefined,
  options: HeartbeatCheckOptions,
): Promise<Check> {
  if (!url) {
    return skip('heartbeat', '(none)', 'no heartbeat URL: nothing outside notices when the runs stop');
  }
  const variable = urlVariable(options.env, url);
  const parsed = await resolvableUrl('heartbeat', 'url', url, variable);
  if (!(parsed instanceof URL)) return parsed;
  const subject = parsed.host;
  if (!options.sendTestAlert) {
    return ok('heartbeat', subject, 'URL parses and its host resolves (--send-test-alert pings it once)');
  }
  try {
    const response = await options.transport({
      method: 'GET',
      url,
      connectTimeoutMs: 5_000,
      timeoutMs: 10_000,
    });
    if (response.status >= 200 && response.status < 300) {
      return ok('heartbeat', subject, `one ping answered HTTP ${response.status}`);
    }
    return fail('heartbeat', subject, `the ping was answered HTTP ${response.status}`, `check ${variable}`);
  } catch (error) {
    return fail('heartbeat', subject, `the ping got no answer: ${transportCode(error)}`, `check ${variable}`);
  }
}
