/**
 * What the doctor checks of a URL it cannot call freely (a webhook, a heartbeat): it parses and
 * its host resolves. Only the host is ever shown; the rest of such a URL is a secret.
 */
import type { Env } from '../cloud/credentials';
import { fail, type Check, type CheckArea } from './types';

/** The variable a URL came from (policy files hold only `${env:NAME}` references). */
export function urlVariable(env: Env, url: string): string {
  const names = Object.keys(env).filter((name) => env[name]?.trim() === url);
  return names[0] ?? 'the variable that holds this URL';
}

/** The parsed URL, or the ✗ saying why it cannot be used. */
export async function resolvableUrl(
  area: CheckArea,
  subject: string,
  raw: string,
  variable: string,
): Promise<URL | Check> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(area, subject, 'the URL does not parse', `set ${variable} to the full https:// URL`);
  }
  try {
    // Loaded here, not at start: a function's cold start does not pay for the doctor.
    const { lookup } = await import('node:dns/promises');
    await lookup(url.hostname);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return fail(
      area,
      subject,
      `host ${url.hostname} does not resolve (${String(code)})`,
      `check ${variable}`,
    );
  }
  return url;
}

/** A transport failure's code (`ECONNREFUSED`, `RequestTimeout`…), for a line. */
export function transportCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'error';
}
