import { channelRegistry } from '../adapters/registry.ts';
import { wireInbox, type AdapterDependencies, type WiredInbox } from '../core/channel-adapter.ts';
import type { StoredInbox } from '../core/storage/inboxes.ts';

/** Each configured inbox paired with its channel's adapter, built once with the hub's dependencies. */
export function wireInboxes(inboxes: readonly StoredInbox[], deps: AdapterDependencies): WiredInbox[] {
  const adapters = new Map<string, ReturnType<NonNullable<(typeof channelRegistry)[keyof typeof channelRegistry]>['create']>>();
  return inboxes.map((inbox) => {
    const factory = channelRegistry[inbox.channel];
    if (!factory) throw new Error(`no adapter for channel ${inbox.channel}`); // config validation refused it already
    let adapter = adapters.get(inbox.channel);
    if (!adapter) adapters.set(inbox.channel, (adapter = factory.create(deps)));
    return wireInbox(adapter, { id: inbox.id, key: inbox.key, name: inbox.name, settings: inbox.settings, answerThreshold: inbox.answerThreshold });
  });
}
