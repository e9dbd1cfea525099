/**
 * The inbox a channel configuration belongs to, added by the hub to an adapter's validated settings.
 *
 * Why it travels with the settings: `ChannelAdapter.parse(request, settings)` must stamp
 * `reference.inboxId` on every message, and the settings are the only per-inbox value it receives.
 * It is not part of the settings *schemas* (the id is the inbox's database key, not user configuration);
 * making it a required property of the settings type turns a forgotten id into a compile error.
 */
export interface InboxBinding {
  inboxId: string;
}

/**
 * Returns the settings' inbox id, or throws a plain Error (a wiring bug, not bad input) when the hub passed
 * schema output without binding it — code typed `ChannelAdapter<any>` would otherwise slip past the compiler
 * and store messages with no inbox.
 */
export function boundInboxId(settings: Partial<InboxBinding>): string {
  if (typeof settings.inboxId !== 'string' || settings.inboxId === '') {
    throw new Error('adapter settings have no inboxId: pass { ...validatedSettings, inboxId }');
  }
  return settings.inboxId;
}
