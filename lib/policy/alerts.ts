import * as z from 'zod/mini';
import { rule, strict } from './fields';
import { ENV_REF } from './interpolate';
import { didYouMean } from './suggest';

/**
 * Alert channels, defined once under `alerts:` and referenced by name. Every URL, secret and
 * header value must be exactly `${env:NAME}`: a webhook URL is itself a credential (anyone who
 * has it can post), so none is ever written in the file — and none is echoed in an error.
 */
export const CHANNEL_TYPES = ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const envRef = rule(z.string(), (value) =>
  ENV_REF.test(value)
    ? undefined
    : 'must be exactly an environment reference, ${env:NAME}: URLs and secrets are never written in the policy file',
);

const headerName = rule(z.string(), (name) =>
  /^[A-Za-z0-9-]+$/.test(name) ? undefined : `\`${name}\` is not an HTTP header name`,
);

const noSecret = (type: string, why: string) => (key: string) =>
  key === 'secret' ? `: ${type} webhooks have no signing secret (${why})` : undefined;

export const alertChannel = z.discriminatedUnion(
  'type',
  [
    strict({ type: z.literal('wecom'), url: envRef }, noSecret('WeCom', 'the key is part of the URL')),
    strict({ type: z.literal('dingtalk'), url: envRef, secret: z.optional(envRef) }),
    strict({ type: z.literal('feishu'), url: envRef, secret: z.optional(envRef) }),
    strict({ type: z.literal('slack'), url: envRef }, noSecret('Slack incoming', 'the URL is the secret')),
    strict({
      type: z.literal('webhook'),
      url: envRef,
      secret: z.optional(envRef),
      headers: z.optional(z.record(headerName, envRef)),
    }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? discriminatorProblem(iss.input, 'type', CHANNEL_TYPES) : undefined,
  },
);

export type AlertChannel = z.output<typeof alertChannel>;

/** The message for a missing or unknown discriminator (`kind` of a policy, `type` of a channel). */
export function discriminatorProblem(input: unknown, key: string, valid: readonly string[]): string {
  const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[key] : input;
  if (value === undefined) return `is required: one of ${valid.join(', ')}`;
  if (typeof value !== 'string') return `must be one of ${valid.join(', ')}`;
  return `unknown ${key} \`${value}\`${didYouMean(value, valid)}; valid: ${valid.join(', ')}`;
}
