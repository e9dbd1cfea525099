/**
 * The answer job's handoff in plain SQL (core/storage/escalations.ts) stores what the conversation service
 * does: the escalate transition with its event, an escalation numbered in order (the sequence row brought
 * back when it is missing), the conversation's tier; and nothing when the state machine refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationState } from '../../../core/conversation/state-machine.ts';
import { DATABASE_PROVIDERS } from '../../../core/storage/driver-adapter.ts';
import { openEscalation } from '../../../core/storage/escalations.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const AT = new Date('2026-12-03T15:00:00.250Z');

for (const provider of DATABASE_PROVIDERS) {
  describe(`opening an escalation in plain SQL on ${provider}`, () => {
    let testDb: TestDatabase;
    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
    });
    afterEach(async () => {
      await testDb?.drop();
    });

    async function conversation(key: string, state: Partial<ConversationState> = {}) {
      const db = testDb.database.prisma;
      const inbox = await db.inbox.upsert({ where: { key: 'web' }, create: { key: 'web', channel: 'http', name: 'Web' }, update: {} });
      const contact = await db.contact.create({ data: {} });
      const reference = { channel: 'http', inboxId: inbox.id, externalConversationId: key, externalUserId: 'u-1' };
      return (await db.conversation.create({ data: { inboxId: inbox.id, contactId: contact.id, externalConversationId: key, reference, ...state } })).id;
    }
    const escalate = (conversationId: string) =>
      testDb.database.direct.transaction((tx) => openEscalation(tx, { conversationId, reason: 'complaint_risk', tier: 'human', suggestions: [{ faqId: 'faq-1', confidence: 0.42 }], actor: 'bot', at: AT }));

    it('escalates, numbers in order, records the event and sets the tier', async () => {
      const first = await conversation('c-1');
      const second = await conversation('c-2');
      const ids = [await escalate(first), await escalate(second)];
      const db = testDb.database.prisma;
      const escalations = await db.escalation.findMany({ orderBy: { number: 'asc' } });
      expect(escalations.map((row) => row.id)).toEqual(ids);
      expect(escalations[1]!.number).toBe(escalations[0]!.number! + 1);
      expect(escalations[0]).toMatchObject({ conversationId: first, reason: 'complaint_risk', tier: 'human', status: 'open', suggestions: [{ faqId: 'faq-1', confidence: 0.42 }], createdAt: AT });
      expect(await db.conversation.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: 'pending_agent', tier: 'human', escalatedAt: AT });
      expect(await db.conversationEvent.findMany({ where: { conversationId: first }, select: { type: true, toStatus: true, actor: true, details: true } })).toEqual([
        { type: 'escalate', toStatus: 'pending_agent', actor: 'bot', details: { reason: 'complaint_risk' } },
      ]);
    });

    it('brings the sequence row back from the highest number when it is missing', async () => {
      await escalate(await conversation('c-1'));
      const db = testDb.database.prisma;
      const highest = (await db.escalation.findFirstOrThrow()).number!;
      await db.sequence.deleteMany({});
      await escalate(await conversation('c-2'));
      expect((await db.escalation.findMany({ orderBy: { number: 'asc' } })).map((row) => row.number)).toEqual([highest, highest + 1]);
      expect(await db.sequence.findUniqueOrThrow({ where: { name: 'escalation' } })).toMatchObject({ value: highest + 1 });
    });

    it('opens nothing, and leaves the row as it was, when an agent already has the conversation', async () => {
      const id = await conversation('c-1', { status: 'agent', claimedAt: AT });
      const before = await testDb.database.prisma.conversation.findUniqueOrThrow({ where: { id } });
      expect(await escalate(id)).toBeUndefined();
      expect(await testDb.database.prisma.escalation.count()).toBe(0);
      expect(await testDb.database.prisma.conversationEvent.count()).toBe(0);
      expect(await testDb.database.prisma.conversation.findUniqueOrThrow({ where: { id } })).toEqual(before);
    });
  });
}
