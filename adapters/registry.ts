import type { ChannelFactory } from '../core/channel-adapter.ts';
import type { ChannelKind } from '../core/messages.ts';
import { httpChannel } from './http/index.ts';
import { telegramChannel } from './telegram/index.ts';
import { wechatKfChannel } from './wechat-kf/index.ts';
import { wechatOfficialChannel } from './wechat-official/index.ts';
import { wecomChannel } from './wecom/index.ts';

/**
 * Every channel the hub can run. Adding a channel = one folder in adapters/ and one line here.
 *
 * Held as `ChannelFactory<unknown>`: an inbox's settings are produced by its own factory's schema at
 * start-up and only ever handed back to that factory's adapter (core/channel-adapter.ts `wireInbox`).
 */
export const channelRegistry: Partial<Record<ChannelKind, ChannelFactory<unknown>>> = {
  telegram: telegramChannel,
  http: httpChannel,
  wechat_kf: wechatKfChannel,
  wechat_official: wechatOfficialChannel,
  wecom: wecomChannel,
};

/** The settings schema of every registered channel, for configuration loading. */
export function channelSettingsSchemas(): Partial<Record<ChannelKind, ChannelFactory<unknown>['settingsSchema']>> {
  return Object.fromEntries(Object.entries(channelRegistry).map(([kind, factory]) => [kind, factory.settingsSchema]));
}
