import type { InboxConfig } from '../config/config.ts';
import type { Db } from './database.ts';

export interface StoredInbox extends InboxConfig {
  id: string;
}

/**
 * Makes the database's Inbox rows match the configured channel accounts (matched by key), so messages,
 * conversations and metrics can refer to an inbox by id while secrets stay in configuration.
 * Inboxes removed from configuration keep their rows and history.
 */
export async function syncInboxes(db: Db, configured: readonly InboxConfig[]): Promise<StoredInbox[]> {
  const stored: StoredInbox[] = [];
  for (const inbox of configured) {
    const row = await db.inbox.upsert({
      where: { key: inbox.key },
      create: { key: inbox.key, channel: inbox.channel, name: inbox.name, answerThreshold: inbox.answerThreshold ?? null },
      update: { channel: inbox.channel, name: inbox.name, answerThreshold: inbox.answerThreshold ?? null },
      select: { id: true },
    });
    stored.push({ ...inbox, id: row.id });
  }
  return stored;
}
