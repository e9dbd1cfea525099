import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bot, BotProposal, ConversationContext, RankedFaq } from '../../../core/bot-contract.ts';
import { DEFAULT_ROUTING_RULES, DEFAULT_THRESHOLDS } from '../../../core/routing/policy.ts';
import { defaultComplaintDetector } from '../../../bot/emotion/default-detector.ts';
import type { InboundMessage } from '../../../core/messages.ts';
import { answerMessage } from '../../../core/pipeline/answer-message.ts';
import { createInProcessQueue } from '../../../core/queue/in-process-queue.ts';
import { PermanentJobError, RetryLaterError, type JobQueue, type RunningWorker } from '../../../core/queue/job-queue.ts';
import { recordInboundMessage } from '../../../core/storage/inbound-messages.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { eventually } from '../../support/hub-stacks.ts';

const logger = pino({ level: 'silent' });
const at = new Date('2026-12-01T10:00:00Z');

function inbound(inboxId: string, id: string, text: string): InboundMessage {
  return {
    reference: { channel: 'http', inboxId, externalConversationId: 'c-1', externalUserId: 'u-1' },
    from: { externalUserId: 'u-1' },
    externalMessageId: id,
    text,
    attachments: [],
    sentAt: at,
  };
}

const faq = (faqId: string, confidence: number, question: string, answer: string): RankedFaq => ({ faqId, confidence, question, answer, category: 'shop' });
const PROPOSALS = {
  answer: { kind: 'matched', candidates: [faq('faq-shipping', 0.93, 'Shipping?', 'Three days.')], asksForHuman: false, locale: 'en' },
  clarify: { kind: 'matched', candidates: [faq('faq-shipping', 0.4, 'Shipping?', 'Three days.'), faq('faq-returns', 0.3, 'Returns?', 'Within 30 days.')], asksForHuman: false, locale: 'en' },
  escalate: { kind: 'matched', candidates: [faq('faq-returns', 0.1, 'Returns?', 'Within 30 days.')], asksForHuman: false, locale: 'en' },
  small_talk: { kind: 'small_talk', act: 'greeting', text: 'Hello! How can I help you?', locale: 'en' },
} satisfies Record<string, BotProposal>;
type Kind = keyof typeof PROPOSALS;

/** A bot that proposes what the test says, and tells what it was asked. */
function botProposing(proposal: BotProposal | ((context: ConversationContext) => BotProposal), complaintRisk: (text: string) => number = () => 0.1): Pick<Bot, 'propose' | 'phrase' | 'complaintRisk' | 'lines'> {
  return {
    propose: async (_question, context) => (typeof proposal === 'function' ? proposal(context) : proposal),
    phrase: async (_question, answer) => answer.answer,
    complaintRisk,
    lines: { clarifyIntro: () => 'Did you mean one of these?', handoffNotice: () => 'A person will follow up.' },
  };
}
const policyFor = () => ({ ...DEFAULT_ROUTING_RULES, answering: DEFAULT_THRESHOLDS });

describe('the answer job', () => {
  let testDb: TestDatabase;
  let queue: JobQueue;
  let worker: RunningWorker;
  let delivered: string[];
  let inboxId: string;

  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
    queue = createInProcessQueue();
    delivered = [];
    worker = queue.work({ answer: async () => {}, deliver: async ({ messageId }) => void delivered.push(messageId), pull: async () => {} });
    inboxId = (await testDb.database.prisma.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } })).id;
  });
  afterEach(async () => {
    await worker.close();
    await queue.close();
    await testDb.drop();
  });

  const run = async (kind: Kind, externalId = 'm-1') => {
    const { messageId, conversationId } = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, externalId, 'question'), at);
    let decided = 0;
    const deps = { db: testDb.database.prisma, direct: testDb.database.direct, queue, logger, now: () => at, policyFor, bot: botProposing(() => (decided++, PROPOSALS[kind])) };
    await answerMessage(deps, messageId);
    await answerMessage(deps, messageId); // a re-run (redelivered job) must not answer twice
    return { messageId, conversationId, decided };
  };

  it('stores one bot reply, queues its delivery, and records the first reply', async () => {
    const { conversationId, decided } = await run('answer');
    const db = testDb.database.prisma;
    const replies = await db.message.findMany({ where: { direction: 'outgoing' } });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ author: 'bot', text: 'Three days.', faqId: 'faq-shipping', status: 'queued' });
    expect(decided).toBe(1);
    await eventually(() => delivered.length > 0, 5000, 'the deliver job');
    expect(delivered).toEqual([replies[0]!.id]);
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ status: 'bot', firstReplyAt: at });
    expect(await db.unansweredQuestion.count()).toBe(0);
  });

  it('records a "did you mean" question as unanswered, with its suggestions, and keeps the bot in charge', async () => {
    const { conversationId } = await run('clarify');
    const db = testDb.database.prisma;
    const reply = await db.message.findFirstOrThrow({ where: { direction: 'outgoing' } });
    expect(reply.suggestions).toEqual(['Shipping?', 'Returns?']);
    const [unanswered] = await db.unansweredQuestion.findMany();
    expect(unanswered).toMatchObject({ text: 'question', confidence: 0.4, suggestions: [{ faqId: 'faq-shipping', confidence: 0.4 }, { faqId: 'faq-returns', confidence: 0.3 }] });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('bot');
    expect(await db.escalation.count()).toBe(0);
  });

  it('hands a question it cannot answer to a human, with an escalation event and suggestions', async () => {
    const { conversationId } = await run('escalate');
    const db = testDb.database.prisma;
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ status: 'pending_agent', escalatedAt: at });
    expect(await db.escalation.findMany()).toMatchObject([{ reason: 'low_confidence', status: 'open', suggestions: [{ faqId: 'faq-returns', confidence: 0.1 }] }]);
    expect(await db.unansweredQuestion.count()).toBe(1);
    const events = await db.conversationEvent.findMany({ where: { conversationId }, orderBy: { at: 'asc' } });
    expect(events.map((event) => [event.type, event.toStatus])).toContainEqual(['escalate', 'pending_agent']);
  });

  it('hands a customer who asks for a person over as such, without filing an unanswered question', async () => {
    const db = testDb.database.prisma;
    const { messageId } = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, 'm-h', '转人工'), at);
    const asked: BotProposal = { kind: 'matched', candidates: [], asksForHuman: true, locale: 'zh' };
    await answerMessage({ db, direct: testDb.database.direct, queue, logger, now: () => at, policyFor, bot: botProposing(asked) }, messageId);
    expect(await db.escalation.findMany()).toMatchObject([{ reason: 'customer_asked', status: 'open' }]);
    expect(await db.conversationEvent.findMany({ where: { type: 'escalate' } })).toHaveLength(1);
    expect(await db.unansweredQuestion.count()).toBe(0);
  });

  it('answers a greeting itself: no handoff, nothing filed as unanswered, the bot keeps the conversation', async () => {
    const { conversationId } = await run('small_talk');
    const db = testDb.database.prisma;
    expect(await db.message.findMany({ where: { direction: 'outgoing' } })).toMatchObject([{ author: 'bot', text: 'Hello! How can I help you?', faqId: null, status: 'queued' }]);
    await eventually(() => delivered.length > 0, 5000, 'the deliver job');
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('bot');
    expect(await db.escalation.count()).toBe(0);
    expect(await db.unansweredQuestion.count()).toBe(0);
  });

  it('says nothing to an acknowledgement, and marks it as needing no reply', async () => {
    const db = testDb.database.prisma;
    const { messageId } = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, 'm-ok', '好的'), at);
    const quiet: BotProposal = { kind: 'small_talk', act: 'acknowledgement', text: '', locale: 'zh' };
    await answerMessage({ db, direct: testDb.database.direct, queue, logger, now: () => at, policyFor, bot: botProposing(quiet) }, messageId);
    await answerMessage({ db, direct: testDb.database.direct, queue, logger, now: () => at, policyFor, bot: botProposing(PROPOSALS.answer) }, messageId); // a re-run decides nothing
    expect(await db.message.count({ where: { direction: 'outgoing' } })).toBe(0);
    expect(await db.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: 'skipped', failureReason: 'acknowledgement: no reply due' });
    expect(await db.conversationEvent.count({ where: { type: { in: ['escalate', 'bot_replied'] } } })).toBe(0);
  });

  it('answers a message sent twice in a row once, but the same words again later, or two pictures, each', async () => {
    const db = testDb.database.prisma;
    const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
    let decided = 0;
    const receive = async (externalId: string, text: string, seconds: number, attachments: InboundMessage['attachments'] = []) => {
      const { messageId } = await recordInboundMessage(testDb.database.direct, inboxId, { ...inbound(inboxId, externalId, text), attachments }, later(seconds));
      // A different FAQ each time: the same one again would be routed to a person as an answer that did not help.
      const answer: BotProposal = { ...PROPOSALS.answer, candidates: [faq(`faq-${decided}`, 0.93, 'Shipping?', 'Three days.')] };
      await answerMessage({ db, direct: testDb.database.direct, queue, logger, now: () => later(seconds), policyFor, bot: botProposing(() => (decided++, answer)) }, messageId);
      return (await db.message.findUniqueOrThrow({ where: { id: messageId } })).status;
    };
    expect(await receive('m-1', 'where is my parcel?', 0)).toBe('answered');
    expect(await receive('m-2', 'where is my parcel? ', 3)).toBe('skipped');
    expect(await receive('m-3', 'where is my parcel?', 40)).toBe('answered');
    const picture = [{ kind: 'image' as const, ref: 'photo-1' }];
    expect(await receive('m-4', '', 50, picture)).toBe('answered');
    expect(await receive('m-5', '', 52, [{ kind: 'image', ref: 'photo-2' }])).toBe('answered');
    expect(decided).toBe(4);
    expect(await db.message.count({ where: { direction: 'outgoing' } })).toBe(4);
  });

  it('once a human owns the conversation, the bot stays quiet: the message goes to the agents and the customer is told once', async () => {
    const first = await run('escalate', 'm-1');
    const db = testDb.database.prisma;
    const { messageId } = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, 'm-2', 'hello?'), at);
    await answerMessage({ db, direct: testDb.database.direct, queue, logger, policyFor, bot: botProposing(PROPOSALS.answer) }, messageId);
    expect(await db.message.count({ where: { direction: 'outgoing', author: 'bot', inReplyToId: messageId } })).toBe(0);
    expect(await db.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: 'answered', routingReason: 'forwarded_to_agent' });
    const ack = await db.message.findFirstOrThrow({ where: { author: 'system', inReplyToId: messageId } });
    expect(ack.text).toMatch(/A person will reply, in about \d+ minutes/);
    const again = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, 'm-3', 'anyone?'), new Date(at.getTime() + 60_000));
    await answerMessage({ db, direct: testDb.database.direct, queue, logger, policyFor, bot: botProposing(PROPOSALS.answer) }, again.messageId);
    expect(await db.message.count({ where: { author: 'system' } })).toBe(1);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).status).toBe('pending_agent');
  });

  it('routes on what the business\'s own system says of the customer (enrichment), under a VIP policy', async () => {
    const db = testDb.database.prisma;
    const { messageId } = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, 'm-vip', 'how long does shipping take?'), at);
    const seen: string[] = [];
    const enrichContact = async (contact: { id: string }) => (seen.push(contact.id), { vip: true });
    const vipPolicy = () => ({ ...policyFor(), vipToHuman: true });
    await answerMessage({ db, direct: testDb.database.direct, queue, logger, now: () => at, policyFor: vipPolicy, bot: botProposing(PROPOSALS.answer), enrichContact }, messageId);
    expect(seen).toHaveLength(1);
    expect(await db.escalation.findMany()).toMatchObject([{ reason: 'vip', tier: 'human' }]);
    expect(await db.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ tier: 'human', routingReason: 'vip' });
  });

  it('stores the complaint risk of each customer message for the routing policy', async () => {
    const db = testDb.database.prisma;
    const complaintRisk = (text: string) => defaultComplaintDetector.score(text).risk;
    const deps = { db, direct: testDb.database.direct, queue, logger, policyFor, bot: botProposing(PROPOSALS.answer, complaintRisk) };
    const angry = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, 'm-angry', '你们这是什么破服务！等了两个星期还没到，我要投诉！'), at);
    const calm = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, 'm-calm', 'how long does shipping take?'), at);
    await answerMessage(deps, angry.messageId);
    await answerMessage(deps, calm.messageId);
    const risk = async (id: string) => (await db.message.findUniqueOrThrow({ where: { id } })).complaintRisk!;
    expect(await risk(angry.messageId)).toBeGreaterThan(0.5);
    expect(await risk(calm.messageId)).toBeLessThan(0.5);
  });

  it('tells the bot its previous reply: the FAQs a "did you mean" offered (so "2" can pick one), the FAQ an answer gave', async () => {
    const db = testDb.database.prisma;
    const seen: unknown[] = [];
    const decider = (proposal: BotProposal) => botProposing((context) => (seen.push(context), proposal));
    const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
    const ask = async (externalId: string, text: string, seconds: number, proposal: BotProposal) => {
      const { messageId } = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, externalId, text), later(seconds));
      await answerMessage({ db, direct: testDb.database.direct, queue, logger, now: () => later(seconds + 1), policyFor, bot: decider(proposal) }, messageId);
    };
    await ask('m-1', 'question', 0, PROPOSALS.clarify);
    expect(await db.message.findFirstOrThrow({ where: { direction: 'outgoing' } })).toMatchObject({ offeredFaqIds: ['faq-shipping', 'faq-returns'] });
    await ask('m-2', '2', 10, { kind: 'picked', faq: faq('faq-returns', 1, 'Returns?', 'Within 30 days.'), locale: 'en' });
    await ask('m-3', 'returns?', 15, PROPOSALS.answer);
    // Another FAQ: the same one again would go to a person (core/routing), and m-4 would never reach the bot.
    await ask('m-3b', 'returns??', 60, { ...PROPOSALS.answer, candidates: [faq('faq-returns', 0.9, 'Returns?', 'Within 30 days.')] });
    await ask('m-4', 'hello?', 2 * 60 * 60, PROPOSALS.answer);
    expect(seen).toEqual([
      { offered: [] },
      { offered: [{ faqId: 'faq-shipping', question: 'Shipping?' }, { faqId: 'faq-returns', question: 'Returns?' }] },
      { offered: [] }, // 4 s after the answer: a question sent twice, not a sign the answer failed
      { offered: [], answeredFaqId: 'faq-shipping' }, // 44 s after the answer to m-3
      { offered: [] }, // two hours on, that answer is no longer "just given"
    ]);
    // The question that got the "did you mean" now says which FAQ it belongs to.
    expect(await db.unansweredQuestion.findFirstOrThrow()).toMatchObject({ text: 'question', pickedFaqId: 'faq-returns' });
  });

  describe('sending the reply it stored at once (deliverNow)', () => {
    /** The answer job with deliverNow, watching which jobs it queues. */
    const answerWith = async (deliverNow: (replyId: string) => Promise<void>, externalId = 'm-now') => {
      const { messageId } = await recordInboundMessage(testDb.database.direct, inboxId, inbound(inboxId, externalId, 'question'), at);
      const queued: Array<{ name: string; delayMs: number | undefined }> = [];
      const watched: JobQueue = { ...queue, add: async (name, data, options) => (queued.push({ name, delayMs: options.delayMs }), queue.add(name, data, options)) };
      const sentNow: string[] = [];
      const deps = { db: testDb.database.prisma, direct: testDb.database.direct, queue: watched, logger, now: () => at, policyFor, bot: botProposing(PROPOSALS.answer), deliverNow: async (id: string) => (sentNow.push(id), deliverNow(id)) };
      await answerMessage(deps, messageId);
      const reply = await testDb.database.prisma.message.findUniqueOrThrow({ where: { replyKey: `bot:${messageId}` } });
      return { deps, messageId, reply, queued, sentNow };
    };

    it('queues no deliver job for a reply it sent', async () => {
      const { reply, queued, sentNow } = await answerWith(async () => {});
      expect(sentNow).toEqual([reply.id]);
      expect(queued.filter((job) => job.name === 'deliver')).toEqual([]);
    });

    it("hands a failed send to the deliver job, after the channel's wait when it named one", async () => {
      const { reply, queued } = await answerWith(async () => {
        throw new RetryLaterError('429: retry after 7 s', 7000);
      });
      expect(queued).toEqual([{ name: 'deliver', delayMs: 7000 }]);
      expect(reply.status).toBe('queued');
      const failed = await answerWith(async () => {
        throw new Error('socket hang up');
      }, 'm-later');
      expect(failed.queued).toEqual([{ name: 'deliver', delayMs: undefined }]);
    });

    it('queues nothing after a permanent refusal (the send recorded it), and a re-run queues the delivery without sending again', async () => {
      const { deps, messageId, queued, sentNow } = await answerWith(async () => {
        throw new PermanentJobError('the customer blocked the bot');
      });
      expect(queued).toEqual([]);
      await answerMessage(deps, messageId);
      expect(sentNow).toHaveLength(1);
      expect(queued).toEqual([{ name: 'deliver', delayMs: undefined }]);
    });
  });
});
