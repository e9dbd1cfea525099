import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costReport } from '../../../admin/numbers/cost-report.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * One week (7 days), 4 conversations: 2 answered by the bot, 1 escalated to a person, 1 to a bot draft.
 * Mix 50% / 25% / 25%. Month = 4 × 30.4375 / 7 = 17.392857… conversations.
 * Human cost 20, bot cost left out → 2 (a tenth), draft cost 8:
 *   per conversation 0.5 × 2 + 0.25 × 8 + 0.25 × 20 = 8; month 17.392857 × 8 = 139.142857;
 *   all human 17.392857 × 20 = 347.857143; savings 208.714286 (60%).
 */
const from = new Date('2026-11-23T00:00:00Z');
const to = new Date('2026-11-30T00:00:00Z');
const month = (4 * 30.4375) / 7;

describe('cost report from the database', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    const db = test.database.prisma;
    const inbox = await db.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } });
    const contact = await db.contact.create({ data: {} });
    const handled: Array<'bot' | 'bot_draft' | 'human'> = ['bot', 'bot', 'human', 'bot_draft'];
    for (const [index, tier] of handled.entries()) {
      const at = new Date(from.getTime() + (index + 1) * 3_600_000);
      const conversation = await db.conversation.create({ data: { inboxId: inbox.id, contactId: contact.id, externalConversationId: `c${index}`, reference: {}, tier } });
      await db.message.create({ data: { conversationId: conversation.id, inboxId: inbox.id, direction: 'incoming', author: 'customer', text: '…', status: 'answered', createdAt: at } });
      if (tier === 'bot') {
        await db.message.create({ data: { conversationId: conversation.id, inboxId: inbox.id, direction: 'outgoing', author: 'bot', text: '…', status: 'sent', createdAt: at } });
      } else {
        await db.escalation.create({ data: { conversationId: conversation.id, reason: 'test', tier, createdAt: at } });
      }
    }
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('prices the measured mix for a month', async () => {
    const report = await costReport(test.database.prisma, { from, to, humanCost: 20, draftCost: 8 });
    expect(report.conversations).toBe(4);
    expect(report.measuredMix).toEqual({ bot: 0.5, bot_draft: 0.25, human: 0.25 });
    expect(report.botCost).toBe(2);
    expect(report.monthlyConversations).toBeCloseTo(month, 9);
    expect(report.monthlyCost).toBeCloseTo(month * 8, 9);
    expect(report.allHumanCost).toBeCloseTo(month * 20, 9);
    expect(report.savingsShare).toBeCloseTo(0.6, 9);
  });

  it('gives the slider’s curve from 0 to 100% bot, passing through the measured cost', async () => {
    const report = await costReport(test.database.prisma, { from, to, humanCost: 20, draftCost: 8 });
    expect(report.whatIf).toHaveLength(21);
    expect(report.whatIf[0]).toMatchObject({ botShare: 0, monthlyCost: expect.closeTo(month * (0.5 * 8 + 0.5 * 20), 9) });
    expect(report.whatIf[10]!.change).toBeCloseTo(0, 9); // 50% is the measured share
    expect(report.whatIf[20]).toMatchObject({ botShare: 1, monthlyCost: expect.closeTo(month * 2, 9) });
  });
});
