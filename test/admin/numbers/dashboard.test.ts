import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConversationFacts } from '../../../admin/numbers/conversation-facts.ts';
import { dashboardFigures, type DashboardFigures } from '../../../admin/numbers/dashboard.ts';
import { figuresPerPeriod } from '../../../admin/numbers/dashboard-series.ts';
import type { Db } from '../../../core/storage/database.ts';
import type { DatabaseProvider } from '../../../core/storage/driver-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * A week of conversations whose figures are known by construction. The period is Mon 23 Nov 2026 00:00 –
 * Mon 30 Nov 00:00 UTC. Times below are in that week (d = day of month, UTC).
 *
 *  #   inbox     what happens in the period                                             tier        csat
 *  C1  telegram  customer Mon 09:00:00, bot 09:00:02                                     bot         5
 *  C2  telegram  customer Mon 09:30:00, bot 09:30:04; customer 09:31:00, bot 09:31:01     bot         4
 *  C3  web       customer Tue 14:00:00, bot 14:00:03 + escalate (human), claim 14:02:00,
 *                agent 14:03:00, resolve 14:12:00                                        human       2
 *  C4  web       customer Tue 14:20:00, escalate (bot_draft) 14:20:05, agent replies to
 *                the waiting conversation 14:21:05 (claims it), resolve 14:26:05         bot_draft   –
 *  C5  telegram  customer Sun 23:30:00, nobody answers                                    –           –
 *  C6  telegram  only before the period (Sun 22 Nov): not counted                         (bot)       (1)
 *  C7  web       escalated (human) on 22 Nov, handed back; in the period an agent's follow-up
 *                Wed 09:00:00, then customer 10:00:00, bot 10:00:01                       bot         3
 *  C8  telegram  customer Thu 20:00:00, bot 20:00:10 (no stored tier: older row)          bot         5
 *  C9  web       customer Fri 08:00:00, bot 08:00:02 + escalate (human), never claimed     human       1
 *  C1 also gets a customer message at exactly the period's end (excluded: the end is exclusive).
 *
 * Hand-computed figures:
 *  conversations 8 (C1–C5, C7–C9); transferred C3, C4, C9 → 3/8 = 0.375;
 *  AI-resolved (bot replied, no handoff in the period) C1, C2, C7, C8 → 4/8 = 0.5 (C5 got no reply; C7's
 *  handoff was last week);
 *  CSAT 5, 4, 2, 3, 5, 1 → count 6, average 20/6, one each of 1–4 and two 5s;
 *  first response 2, 4, 3, 65, 1, 10, 2 s → sorted 1 2 2 3 4 10 65: median 3, p90 = rank ceil(6.3) = 7 → 65;
 *  handle C3 600 s, C4 300 s → median 450, p90 = rank ceil(1.8) = 2 → 600;
 *  volume: Mon 09 ×2 (hour 9), Tue 14 ×2 (38), Wed 10 (58), Thu 20 (92), Fri 08 (104), Sun 23 (167);
 *  tiers among the 7 answered or handed over: bot 4 (C1 C2 C7 C8), bot_draft 1 (C4), human 2 (C3 C9).
 *  Per channel (4 each; ties alphabetical, so http first):
 *   http (web):  transfer 3/4, AI 1/4 (C7), CSAT 2 3 1 → 2 over 3, first response 3 65 1 2 → median 2.5,
 *                p90 rank 4 → 65, handle 450 / 600, tiers bot 1 draft 1 human 2;
 *   telegram:    transfer 0, AI 3/4, CSAT 5 4 5 → 14/3 over 3, first response 2 4 10 → median 4, p90 10,
 *                no handle times, tiers bot 3.
 */
const from = new Date('2026-11-23T00:00:00Z');
const to = new Date('2026-11-30T00:00:00Z');

async function seed(db: Db): Promise<{ webInboxId: string }> {
  const telegram = await db.inbox.create({ data: { key: 'tg', channel: 'telegram', name: 'Telegram' } });
  const web = await db.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } });
  const contact = await db.contact.create({ data: {} });
  let messages = 0;

  async function conversation(inboxId: string, name: string, tier: string | null, csatScore: number | null) {
    const row = await db.conversation.create({ data: { inboxId, contactId: contact.id, externalConversationId: name, reference: {}, tier, csatScore } });
    const id = row.id;
    return {
      async customer(at: string) {
        await db.message.create({ data: { conversationId: id, inboxId, direction: 'incoming', author: 'customer', text: '…', externalId: `m${++messages}`, status: 'answered', createdAt: new Date(at) } });
      },
      async reply(author: 'bot' | 'agent', at: string) {
        await db.message.create({ data: { conversationId: id, inboxId, direction: 'outgoing', author, text: '…', status: 'sent', createdAt: new Date(at) } });
      },
      async event(type: string, at: string, fromStatus: string | null = null) {
        await db.conversationEvent.create({ data: { conversationId: id, type, fromStatus, at: new Date(at) } });
      },
      async escalation(escalationTier: string, at: string) {
        await db.escalation.create({ data: { conversationId: id, reason: 'test', tier: escalationTier, createdAt: new Date(at) } });
        await this.event('escalate', at, 'bot');
      },
    };
  }

  const c1 = await conversation(telegram.id, 'c1', 'bot', 5);
  await c1.customer('2026-11-23T09:00:00Z');
  await c1.reply('bot', '2026-11-23T09:00:02Z');
  await c1.event('bot_replied', '2026-11-23T09:00:02Z', 'bot');
  await c1.customer('2026-11-30T00:00:00Z');

  const c2 = await conversation(telegram.id, 'c2', 'bot', 4);
  await c2.customer('2026-11-23T09:30:00Z');
  await c2.reply('bot', '2026-11-23T09:30:04Z');
  await c2.customer('2026-11-23T09:31:00Z');
  await c2.reply('bot', '2026-11-23T09:31:01Z');

  const c3 = await conversation(web.id, 'c3', 'human', 2);
  await c3.customer('2026-11-24T14:00:00Z');
  await c3.reply('bot', '2026-11-24T14:00:03Z');
  await c3.escalation('human', '2026-11-24T14:00:03Z');
  await c3.event('claim', '2026-11-24T14:02:00Z', 'pending_agent');
  await c3.reply('agent', '2026-11-24T14:03:00Z');
  await c3.event('agent_replied', '2026-11-24T14:03:00Z', 'agent');
  await c3.event('resolve', '2026-11-24T14:12:00Z', 'agent');

  const c4 = await conversation(web.id, 'c4', 'bot_draft', null);
  await c4.customer('2026-11-24T14:20:00Z');
  await c4.escalation('bot_draft', '2026-11-24T14:20:05Z');
  await c4.reply('agent', '2026-11-24T14:21:05Z');
  await c4.event('agent_replied', '2026-11-24T14:21:05Z', 'pending_agent');
  await c4.event('resolve', '2026-11-24T14:26:05Z', 'agent');

  const c5 = await conversation(telegram.id, 'c5', null, null);
  await c5.customer('2026-11-29T23:30:00Z');

  const c6 = await conversation(telegram.id, 'c6', 'bot', 1);
  await c6.customer('2026-11-22T10:00:00Z');
  await c6.reply('bot', '2026-11-22T10:00:01Z');

  const c7 = await conversation(web.id, 'c7', 'bot', 3);
  await c7.customer('2026-11-22T11:00:00Z');
  await c7.escalation('human', '2026-11-22T11:00:02Z');
  await c7.event('hand_back', '2026-11-22T12:00:00Z', 'pending_agent');
  await c7.reply('agent', '2026-11-25T09:00:00Z'); // a follow-up before the customer writes: not a response
  await c7.customer('2026-11-25T10:00:00Z');
  await c7.reply('bot', '2026-11-25T10:00:01Z');

  const c8 = await conversation(telegram.id, 'c8', null, 5);
  await c8.customer('2026-11-26T20:00:00Z');
  await c8.reply('bot', '2026-11-26T20:00:10Z');

  const c9 = await conversation(web.id, 'c9', 'human', 1);
  await c9.customer('2026-11-27T08:00:00Z');
  await c9.reply('bot', '2026-11-27T08:00:02Z');
  await c9.escalation('human', '2026-11-27T08:00:02Z');

  return { webInboxId: web.id };
}

function volume(entries: Record<number, number>): number[] {
  const week = new Array<number>(168).fill(0);
  for (const [hour, count] of Object.entries(entries)) week[Number(hour)] = count;
  return week;
}

const PROVIDERS: DatabaseProvider[] = ['sqlite', 'postgresql'];

describe.each(PROVIDERS)('dashboard figures on %s', (provider) => {
  let test: TestDatabase;
  let webInboxId: string;
  let figures: DashboardFigures;

  beforeAll(async () => {
    test = await createTestDatabase(provider);
    ({ webInboxId } = await seed(test.database.prisma));
    figures = await dashboardFigures(test.database.prisma, { from, to });
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('counts unique conversations with a customer message in the period', () => {
    expect(figures.conversations).toBe(8);
  });

  it('AI resolution and transfer rates', () => {
    expect(figures.aiResolutionRate).toBe(0.5);
    expect(figures.transferRate).toBe(0.375);
  });

  it('CSAT average and distribution', () => {
    expect(figures.csat).toEqual({ average: expect.closeTo(20 / 6, 12), count: 6, distribution: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 2 } });
  });

  it('first response and handle time, median and p90', () => {
    expect(figures.firstResponseSeconds).toEqual({ median: 3, p90: 65 });
    expect(figures.handleSeconds).toEqual({ median: 450, p90: 600 });
  });

  it('volume by hour of the week', () => {
    expect(figures.volumeByHourOfWeek).toEqual(volume({ 9: 2, 38: 2, 58: 1, 92: 1, 104: 1, 167: 1 }));
  });

  it('tier mix against the target mix', () => {
    expect(figures.tierCounts).toEqual({ bot: 4, bot_draft: 1, human: 2 });
    expect(figures.tierMix).toEqual({ bot: 4 / 7, bot_draft: 1 / 7, human: 2 / 7 });
    expect(figures.targetMix.bot).toMatchObject({ low: 0.6, high: 0.7 });
    expect(figures.targetMix.bot_draft).toMatchObject({ low: 0.2, high: 0.3 });
  });

  it('per channel', () => {
    expect(figures.perChannel.map((row) => [row.channel, row.conversations])).toEqual([['http', 4], ['telegram', 4]]);
    const [http, telegram] = figures.perChannel;
    expect(http).toMatchObject({
      transferRate: 0.75,
      aiResolutionRate: 0.25,
      csat: { average: 2, count: 3 },
      firstResponseSeconds: { median: 2.5, p90: 65 },
      handleSeconds: { median: 450, p90: 600 },
      tierCounts: { bot: 1, bot_draft: 1, human: 2 },
    });
    expect(telegram).toMatchObject({
      transferRate: 0,
      aiResolutionRate: 0.75,
      csat: { count: 3 },
      firstResponseSeconds: { median: 4, p90: 10 },
      handleSeconds: { median: null, p90: null },
      tierMix: { bot: 1, bot_draft: 0, human: 0 },
    });
    expect(telegram!.csat.average).toBeCloseTo(14 / 3, 12);
  });

  it('filters by channel and by inbox', async () => {
    const telegramOnly = await dashboardFigures(test.database.prisma, { from, to, channel: 'telegram' });
    expect(telegramOnly).toMatchObject({ conversations: 4, aiResolutionRate: 0.75, transferRate: 0 });
    expect(telegramOnly.perChannel.map((row) => row.channel)).toEqual(['telegram']);
    const webOnly = await dashboardFigures(test.database.prisma, { from, to, inboxId: webInboxId });
    expect(webOnly).toMatchObject({ conversations: 4, transferRate: 0.75 });
  });

  it('another period sees other conversations (C6, C7 on Sunday 22 Nov)', async () => {
    const sunday = await dashboardFigures(test.database.prisma, { from: new Date('2026-11-22T00:00:00Z'), to: from });
    expect(sunday).toMatchObject({ conversations: 2, transferRate: 0.5, aiResolutionRate: 0.5 });
  });

  it('a message to the customer before they write is not a response (C7: 1 s, not −3599 s)', async () => {
    const c7 = await test.database.prisma.conversation.findFirstOrThrow({ where: { externalConversationId: 'c7' } });
    const facts = await loadConversationFacts(test.database.prisma, { from, to });
    const fact = facts.find((candidate) => candidate.id === c7.id)!;
    expect((fact.firstResponseAt!.getTime() - fact.firstCustomerAt.getTime()) / 1000).toBe(1);
  });

  it('an Escalation row alone (no escalate event) is a transfer too', async () => {
    const db = test.database.prisma;
    const inbox = await db.inbox.create({ data: { key: 'late', channel: 'telegram', name: 'Late' } });
    const contact = await db.contact.create({ data: {} });
    const conversation = await db.conversation.create({ data: { inboxId: inbox.id, contactId: contact.id, externalConversationId: 'late', reference: {} } });
    const at = new Date('2026-12-10T10:00:00Z');
    await db.message.create({ data: { conversationId: conversation.id, inboxId: inbox.id, direction: 'incoming', author: 'customer', text: '…', status: 'answered', createdAt: at } });
    await db.escalation.create({ data: { conversationId: conversation.id, reason: 'test', tier: 'human', createdAt: at } });
    const december = await dashboardFigures(db, { from: new Date('2026-12-10T00:00:00Z'), to: new Date('2026-12-11T00:00:00Z') });
    expect(december).toMatchObject({ conversations: 1, transferRate: 1, aiResolutionRate: 0, tierCounts: { bot: 0, bot_draft: 0, human: 1 } });
  });

  it('per day: each day of the week is its own period', async () => {
    const days = await figuresPerPeriod(test.database.prisma, { from, to, step: 'day' });
    // Mon C1 C2, Tue C3 C4, Wed C7, Thu C8, Fri C9, Sat none, Sun C5.
    expect(days.map((day) => day.conversations)).toEqual([2, 2, 1, 1, 1, 0, 1]);
    expect(days.map((day) => day.transferRate)).toEqual([0, 1, 0, 0, 1, 0, 0]);
    expect(days[6]!.to).toEqual(to);
    const [week] = await figuresPerPeriod(test.database.prisma, { from, to, step: 'week' });
    expect(week).toMatchObject({ conversations: 8, transferRate: 0.375, aiResolutionRate: 0.5 });
  });

  it('buckets volume in the admin’s time zone', async () => {
    const shanghai = await dashboardFigures(test.database.prisma, { from, to, timeZone: 'Asia/Shanghai' });
    // Sun 23:30 UTC is Mon 07:30 in Shanghai; Mon 09:00 UTC is Mon 17:00.
    expect(shanghai.volumeByHourOfWeek[7]).toBe(1);
    expect(shanghai.volumeByHourOfWeek[17]).toBe(2);
  });

  it('an empty period has zero rates and null times', async () => {
    const empty = await dashboardFigures(test.database.prisma, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-01-08T00:00:00Z') });
    expect(empty).toMatchObject({
      conversations: 0,
      aiResolutionRate: 0,
      transferRate: 0,
      csat: { average: null, count: 0 },
      firstResponseSeconds: { median: null, p90: null },
      tierMix: { bot: 0, bot_draft: 0, human: 0 },
      perChannel: [],
    });
  });
});
