/**
 * The plain-SQL transition (recordTransitionFromSql) guards on every state column as Prisma's
 * recordTransitionFrom does: dates and nulls Prisma wrote must compare equal on both databases, and a row
 * changed since it was read must stay as it is, with no event written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition, type ConversationState } from '../../../core/conversation/state-machine.ts';
import { conversationStateOf, recordTransitionFromSql } from '../../../core/storage/conversation-events.ts';
import { DATABASE_PROVIDERS } from '../../../core/storage/driver-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const AT = new Date('2026-12-03T08:10:00.123Z');
const LATER = new Date('2026-12-03T08:20:00.456Z');

for (const provider of DATABASE_PROVIDERS) {
  describe(`a conversation's transition in plain SQL on ${provider}`, () => {
    let testDb: TestDatabase;
    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
    });
    afterEach(async () => {
      await testDb?.drop();
    });

    async function storedConversation(state: Partial<ConversationState>) {
      const db = testDb.database.prisma;
      const inbox = await db.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } });
      const contact = await db.contact.create({ data: {} });
      const reference = { channel: 'http', inboxId: inbox.id, externalConversationId: 'c-1', externalUserId: 'u-1' };
      const row = await db.conversation.create({ data: { inboxId: inbox.id, contactId: contact.id, externalConversationId: 'c-1', reference, ...state } });
      return { id: row.id, read: conversationStateOf(row) };
    }

    const botReplied = async (id: string, read: ConversationState) => {
      const result = transition(read, { type: 'bot_replied' }, LATER);
      if (!result.ok) throw new Error('transition refused');
      return testDb.database.direct.transaction((tx) => recordTransitionFromSql(tx, { conversationId: id, read, next: result.next, event: { type: 'bot_replied' }, at: LATER, actor: 'bot' }));
    };

    it('moves a row whose dates and nulls Prisma wrote, and records the event', async () => {
      const { id, read } = await storedConversation({ status: 'bot', firstReplyAt: AT, resolvedAt: AT });
      expect(await botReplied(id, read)).toBe(true);
      const events = await testDb.database.prisma.conversationEvent.findMany({ where: { conversationId: id } });
      expect(events).toMatchObject([{ type: 'bot_replied', fromStatus: 'bot', actor: 'bot', at: LATER }]);
      const row = await testDb.database.prisma.conversation.findUniqueOrThrow({ where: { id } });
      expect(row.updatedAt.toISOString()).toBe(LATER.toISOString());
    });

    it('leaves a row that changed since it was read, and records nothing', async () => {
      const { id, read } = await storedConversation({ status: 'bot', firstReplyAt: AT });
      await testDb.database.prisma.conversation.update({ where: { id }, data: { escalatedAt: LATER } });
      expect(await botReplied(id, read)).toBe(false);
      expect(await testDb.database.prisma.conversationEvent.count({ where: { conversationId: id } })).toBe(0);
    });
  });
}
