import type { InboxOf } from '../../core/channel-adapter.ts';

/** One inbox around channel settings, as the hub hands it to an adapter. */
export function inboxOf<Settings>(settings: Settings, id = 'inbox-1'): InboxOf<Settings> {
  return { id, key: `key-${id}`, name: `Inbox ${id}`, settings };
}
