/**
 * The answer job's plain-SQL reads (core/storage/answer-reads.ts) must see rows exactly as Prisma wrote them —
 * booleans, nullable numbers, JSON, dates — on both databases, and pick the right neighbouring messages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastOutgoingBefore, previousIncoming, readInboundForAnswer } from '../../../core/storage/answer-reads.ts';
import { DATABASE_PROVIDERS } from '../../../core/storage/driver-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const AT = new Date('2026-12-03T08:00:00.000Z');
const secondsAfter = (seconds: number) => new Date(AT.getTime() + seconds * 1000);

for (const provider of DATABASE_PROVIDERS) {
  describe(`the answer job's reads on ${provider}`, () => {
    let testDb: TestDatabase;
    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
    });
    afterEach(async () => {
      await testDb?.drop();
    });

    async function conversationWith(contact: { vip: boolean; attributes: object; locale: string | null }, csatScore: number | null) {
      const db = testDb.database.prisma;
      const inbox = await db.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } });
      const person = await db.contact.create({ data: { displayName: '李雷', ...contact } });
      const reference = { channel: 'http', inboxId: inbox.id, externalConversationId: 'c-1', externalUserId: 'u-1' };
      const conversation = await db.conversation.create({
        data: { inboxId: inbox.id, contactId: person.id, externalConversationId: 'c-1', reference, status: 'bot', csatScore, firstReplyAt: AT, createdAt: AT },
      });
      const message = (seconds: number, direction: 'incoming' | 'outgoing', text: string, extra: object = {}) =>
        db.message.create({ data: { conversationId: conversation.id, inboxId: inbox.id, direction, author: direction === 'incoming' ? 'customer' : 'bot', text, status: 'sent', createdAt: secondsAfter(seconds), ...extra } });
      return { inbox, person, conversation, reference, message };
    }

    it('reads a message with its conversation and contact as Prisma stored them', async () => {
      const { inbox, person, conversation, reference, message } = await conversationWith({ vip: true, attributes: { orderValue: 1299.5, tags: ['批发'] }, locale: 'zh' }, 4);
      const asked = await message(5, 'incoming', '发货了吗', { status: 'received', attachments: [{ kind: 'image' }], routingReason: 'menu', faqId: 'faq-1' });
      const read = await readInboundForAnswer(testDb.database.direct, asked.id);
      expect(read).toEqual({
        id: asked.id,
        inboxId: inbox.id,
        conversationId: conversation.id,
        direction: 'incoming',
        status: 'received',
        text: '发货了吗',
        attachments: [{ kind: 'image' }],
        routingReason: 'menu',
        faqId: 'faq-1',
        createdAt: secondsAfter(5),
        conversation: {
          status: 'bot',
          assigneeId: null,
          firstReplyAt: AT,
          escalatedAt: null,
          claimedAt: null,
          resolvedAt: null,
          csatScore: 4,
          reference,
          contact: { id: person.id, displayName: '李雷', locale: 'zh', vip: true, attributes: { orderValue: 1299.5, tags: ['批发'] } },
        },
      });
      expect(await readInboundForAnswer(testDb.database.direct, 'no-such-message')).toBeUndefined();
    });

    it('reads a contact that is not a VIP and a conversation without a score', async () => {
      const { message } = await conversationWith({ vip: false, attributes: {}, locale: null }, null);
      const asked = await message(1, 'incoming', 'hi');
      const read = await readInboundForAnswer(testDb.database.direct, asked.id);
      expect(read?.conversation).toMatchObject({ csatScore: null, contact: { vip: false, locale: null, attributes: {} } });
    });

    it("finds the customer's previous message within the window and the last outgoing one before a message", async () => {
      const { conversation, message } = await conversationWith({ vip: false, attributes: {}, locale: null }, null);
      await message(0, 'incoming', 'too early');
      await message(10, 'incoming', 'in the window');
      await message(12, 'outgoing', 'did you mean', { suggestions: ['运费', '退货'], offeredFaqIds: ['f-1', 'f-2'], replyKey: 'bot:x', faqId: null });
      await message(14, 'outgoing', 'after the message');
      const id = conversation.id;
      expect(await previousIncoming(testDb.database.direct, id, secondsAfter(13), secondsAfter(5))).toEqual({ text: 'in the window', attachments: [] });
      expect(await previousIncoming(testDb.database.direct, id, secondsAfter(10), secondsAfter(5))).toBeUndefined();
      expect(await lastOutgoingBefore(testDb.database.direct, id, secondsAfter(13))).toEqual({
        author: 'bot',
        replyKey: 'bot:x',
        suggestions: ['运费', '退货'],
        offeredFaqIds: ['f-1', 'f-2'],
        inReplyToId: null,
        faqId: null,
        createdAt: secondsAfter(12),
      });
      expect(await lastOutgoingBefore(testDb.database.direct, id, secondsAfter(12))).toBeUndefined();
    });
  });
}
