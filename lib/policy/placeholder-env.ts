/**
 * For checks that need no secrets (the build, cam-policy): every `${env:NAME}` that is not set
 * reads as a placeholder URL, so the file is validated for everything but the secrets' values.
 */
import type { Env } from './interpolate';

export function withPlaceholders(env: Env): Env {
  return new Proxy(env, {
    get: (target, name) =>
      typeof name === 'string' ? (target[name] ?? `https://unset.invalid/${name}`) : undefined,
  });
}
