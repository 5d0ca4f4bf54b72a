/** The channel registry: one adapter per `type` a policy file may name. */
import { dingtalkChannel } from './dingtalk';
import { feishuChannel } from './feishu';
import { slackChannel } from './slack';
import type { AlertChannelType, ChannelAdapter } from './types';
import { webhookChannel } from './webhook';
import { wecomChannel } from './wecom';

export const CHANNEL_ADAPTERS: { readonly [T in AlertChannelType]: ChannelAdapter<T> } = {
  wecom: wecomChannel,
  dingtalk: dingtalkChannel,
  feishu: feishuChannel,
  slack: slackChannel,
  webhook: webhookChannel,
};

export const ALERT_CHANNEL_TYPES = Object.keys(CHANNEL_ADAPTERS) as AlertChannelType[];

/**
 * The adapter for a channel's type. The cast is the one place TypeScript cannot follow that a
 * channel of type T meets the adapter of type T.
 */
export function adapterFor<T extends AlertChannelType>(type: T): ChannelAdapter<T> | undefined {
  return Object.hasOwn(CHANNEL_ADAPTERS, type)
    ? (CHANNEL_ADAPTERS[type] as unknown as ChannelAdapter<T>)
    : undefined;
}
