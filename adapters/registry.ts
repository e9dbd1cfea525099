import type { z } from 'zod';
import type { ChannelAdapter } from '../core/channel-adapter.ts';
import type { ChannelKind } from '../core/messages.ts';
import { httpChannelAdapter, httpChannelSettingsSchema } from './http/index.ts';
import { telegramAdapter, telegramSettingsSchema } from './telegram/index.ts';

/** A channel as the hub wires it: the adapter and the schema its inbox settings must pass at start-up. */
export interface ChannelRegistration {
  adapter: ChannelAdapter<any>;
  settingsSchema: z.ZodType<unknown>;
}

/** Every channel the hub can run. Adding a channel = one folder in adapters/ and one line here. */
export const channelRegistry: Record<ChannelKind, ChannelRegistration> = {
  telegram: { adapter: telegramAdapter, settingsSchema: telegramSettingsSchema },
  http: { adapter: httpChannelAdapter, settingsSchema: httpChannelSettingsSchema },
};

export function channelSettingsSchemas(): Record<ChannelKind, z.ZodType<unknown>> {
  return Object.fromEntries(Object.entries(channelRegistry).map(([kind, registration]) => [kind, registration.settingsSchema])) as Record<
    ChannelKind,
    z.ZodType<unknown>
  >;
}
