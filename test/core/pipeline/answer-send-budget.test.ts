/**
 * The answer path sees the channel's send budget and window (WeChat kf: 5 messages per customer message,
 * 48 hours): on a real SQLite database with the real kf adapter against the WeCom loopback, six customer
 * messages in one pull get five answers and a quiet sixth instead of a reply the deliver job would refuse;
 * the handoff acknowledgement and the CSAT question are not planned when there is no room either.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wechatKfChannel, wechatKfSettingsSchema } from '../../../adapters/wechat-kf/index.ts';
import type { Bot, BotProposal, RankedFaq } from '../../../core/bot-contract.ts';
import { wireInbox, type WiredInbox } from '../../../core/channel-adapter.ts';
import { createConversationService } from '../../../core/conversation/service.ts';
import { createAgentCommandHandler } from '../../../core/handoff/commands.ts';
import type { InboundMessage } from '../../../core/messages.ts';
import { answerMessage, type AnswerDependencies } from '../../../core/pipeline/answer-message.ts';
import { deliverMessage } from '../../../core/pipeline/deliver-message.ts';
import { createInProcessQueue } from '../../../core/queue/in-process-queue.ts';
import type { JobQueue, RunningWorker } from '../../../core/queue/job-queue.ts';
import { DEFAULT_ROUTING_RULES, DEFAULT_THRESHOLDS } from '../../../core/routing/policy.ts';
import { recordInboundMessage } from '../../../core/storage/inbound-messages.ts';
import { startWeComApi, type WeComApi } from '../../loopback/wecom-api.ts';
import { createMemoryTokenStore } from '../../support/memory-token-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const logger = pino({ level: 'silent' });
const CORP = { corpId: 'ww46771939afcbc44c', secret: 'wecom-app-secret-0123456789abcdef', token: 'eAUuJ18GCfHq0Jea', encodingAesKey: 'Weqxu1ClKk124PZeBGZ7ZIMaTqeoGOUrncO7JcZi4T8' };
const OPEN_KF_ID = 'wkTestAccount01';
const t0 = new Date('2026-03-01T08:00:00.000Z');
const secondsLater = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const faq = (faqId: string, confidence: number): RankedFaq => ({ faqId, confidence, question: `${faqId}?`, answer: `Answer to ${faqId}.`, category: 'shop' });
/** Questions starting with "q" are answered; anything else is for a person. */
const bot: Pick<Bot, 'propose' | 'phrase' | 'complaintRisk' | 'lines'> = {
  propose: async (question): Promise<BotProposal> =>
    question.startsWith('q') ? { kind: 'matched', candidates: [faq(question, 0.95)], asksForHuman: false, locale: 'en' } : { kind: 'matched', candidates: [], asksForHuman: false, locale: 'en' },
  phrase: async (_question, answer) => answer.answer,
  complaintRisk: () => 0,
  lines: { clarifyIntro: () => 'Did you mean?', handoffNotice: () => 'A person will follow up.' },
};

describe('the answer path within the kf send budget, on sqlite', () => {
  let testDb: TestDatabase;
  let wecom: WeComApi;
  let inbox: WiredInbox;
  let queue: JobQueue;
  let worker: RunningWorker;
  let now: Date;

  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
    wecom = await startWeComApi({ corpId: CORP.corpId, secret: CORP.secret });
    const db = testDb.database.prisma;
    const stored = await db.inbox.create({ data: { key: 'kf', channel: 'wechat_kf', name: 'kf' } });
    const settings = wechatKfSettingsSchema.parse({ ...CORP, openKfId: OPEN_KF_ID, apiUrl: wecom.apiUrl });
    const adapter = wechatKfChannel.create({ fetch: globalThis.fetch, now: () => new Date(), tokens: createMemoryTokenStore(), logger });
    inbox = wireInbox(adapter, { id: stored.id, key: stored.key, name: stored.name, settings });
    queue = createInProcessQueue();
    // Jobs are run by the test itself, in order: the queue only collects them.
    worker = queue.work({ answer: async () => {}, deliver: async () => {}, pull: async () => {}, notify: async () => {} });
    now = t0;
  });
  afterEach(async () => {
    await worker?.close();
    await queue?.close();
    await wecom?.close();
    await testDb?.drop();
  });

  const inbound = (id: string, text: string): InboundMessage => ({
    reference: { channel: 'wechat_kf', inboxId: inbox.id, externalConversationId: `${OPEN_KF_ID}:wmCustomer`, externalUserId: 'wmCustomer' },
    from: { externalUserId: 'wmCustomer' },
    externalMessageId: id,
    text,
    attachments: [],
    sentAt: now,
  });
  const receive = async (id: string, text: string, at: Date) => (await recordInboundMessage(testDb.database.direct, inbox.id, inbound(id, text), at)).messageId;
  const deps = (withRules: boolean): AnswerDependencies => ({
    db: testDb.database.prisma,
    direct: testDb.database.direct,
    queue,
    logger,
    bot,
    now: () => now,
    policyFor: () => ({ ...DEFAULT_ROUTING_RULES, answering: DEFAULT_THRESHOLDS }),
    ...(withRules ? { sendRulesFor: () => inbox.capabilities } : {}),
  });
  const deliverQueued = async () => {
    const queued = await testDb.database.prisma.message.findMany({ where: { direction: 'outgoing', status: 'queued' }, orderBy: { createdAt: 'asc' } });
    for (const message of queued) await deliverMessage({ db: testDb.database.prisma, direct: testDb.database.direct, logger, inboxesById: new Map([[inbox.id, inbox]]), now: () => now }, message.id).catch(() => {});
  };
  const sends = () => wecom.calls.filter((call) => call.path.startsWith('/cgi-bin/kf/send_msg'));

  for (const withRules of [true, false]) {
    it(withRules ? 'six messages in one pull: five answers, the sixth left quiet for the budget, nothing failed' : 'without the rules (control): the sixth reply is planned and refused by the deliver job', async () => {
      // One sync_msg batch: all six are stored before the first answer goes out.
      const ids: string[] = [];
      for (let i = 1; i <= 6; i++) ids.push(await receive(`in-${i}`, `q${i} what about item ${i}?`, secondsLater(i / 100)));
      now = secondsLater(1);
      for (const id of ids) {
        await answerMessage(deps(withRules), id);
        await deliverQueued();
      }
      const db = testDb.database.prisma;
      expect(sends()).toHaveLength(5);
      const sixth = await db.message.findUniqueOrThrow({ where: { id: ids[5]! } });
      const failed = await db.message.count({ where: { status: 'failed' } });
      if (withRules) {
        expect(sixth).toMatchObject({ status: 'skipped', routingReason: 'send_budget' });
        expect(sixth.failureReason).toMatch(/send budget/);
        expect(failed).toBe(0);
      } else {
        expect(sixth).toMatchObject({ status: 'answered' });
        expect(failed).toBe(1);
      }
    });
  }

  it('a question for a person with the budget spent opens a silent handoff, once', async () => {
    const db = testDb.database.prisma;
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push(await receive(`in-${i}`, `q${i} item ${i}?`, secondsLater(i / 100)));
    const person = await receive('in-6', 'my parcel is broken', secondsLater(0.06));
    now = secondsLater(1);
    for (const id of ids) await answerMessage(deps(true), id);
    await answerMessage(deps(true), person);
    expect(await db.message.findUniqueOrThrow({ where: { id: person } })).toMatchObject({ status: 'answered', tier: 'human', routingReason: 'low_confidence' });
    expect(await db.message.count({ where: { replyKey: `bot:${person}` } })).toBe(0);
    expect(await db.escalation.count({ where: { status: 'open', reason: 'low_confidence' } })).toBe(1);
    await answerMessage(deps(true), person); // a re-run opens nothing more
    expect(await db.escalation.count()).toBe(1);
  });

  it('no handoff acknowledgement and no CSAT question when the budget is spent; both when there is room', async () => {
    const db = testDb.database.prisma;
    await db.agent.create({ data: { name: 'Ann', slackUserId: 'U-ANN' } });
    const first = await receive('in-1', 'my parcel is broken', secondsLater(0));
    now = secondsLater(1);
    await answerMessage(deps(true), first); // handoff, with its notice
    const escalation = await db.escalation.findFirstOrThrow();
    const conversations = createConversationService({ db, queue, logger, now: () => now });
    const handle = createAgentCommandHandler({ db, queue, conversations, logger, now: () => now, sendRulesFor: () => inbox.capabilities }, 'slack');

    // The customer writes again while waiting; before its answer job runs, five lines went out after it
    // (the notice aside): the agent's replies cannot be this (the escalation is still open), so they are stored directly.
    const waiting = await receive('in-2', 'hello? anyone', secondsLater(2));
    now = secondsLater(3);
    const conversationId = escalation.conversationId;
    for (let i = 0; i < 5; i++) await db.message.create({ data: { conversationId, inboxId: inbox.id, direction: 'outgoing', author: 'bot', text: `line ${i}`, status: 'sent', sentAt: now, createdAt: now } });
    await answerMessage(deps(true), waiting);
    expect(await db.message.findUniqueOrThrow({ where: { id: waiting } })).toMatchObject({ status: 'answered', routingReason: 'forwarded_to_agent' });
    expect(await db.message.count({ where: { replyKey: `ack:${escalation.id}` } })).toBe(0);

    // Claimed and resolved with the budget still spent: no score question.
    expect(await handle({ escalationId: escalation.id, agentExternalId: 'U-ANN', action: { type: 'claim' } })).toEqual({ ok: true });
    expect(await handle({ escalationId: escalation.id, agentExternalId: 'U-ANN', action: { type: 'resolve' } })).toEqual({ ok: true });
    expect(await db.message.count({ where: { replyKey: `csat:${escalation.id}` } })).toBe(0);

    // A fresh handoff with room: the acknowledgement, and at resolve the score question.
    const again = await receive('in-3', 'still broken', secondsLater(10));
    now = secondsLater(11);
    await answerMessage(deps(true), again);
    const second = await db.escalation.findFirstOrThrow({ where: { status: 'open' } });
    const waitingAgain = await receive('in-4', 'hello?', secondsLater(12));
    now = secondsLater(13);
    await answerMessage(deps(true), waitingAgain);
    expect(await db.message.count({ where: { replyKey: `ack:${second.id}` } })).toBe(1);
    await handle({ escalationId: second.id, agentExternalId: 'U-ANN', action: { type: 'claim' } });
    expect(await handle({ escalationId: second.id, agentExternalId: 'U-ANN', action: { type: 'resolve' } })).toEqual({ ok: true });
    expect(await db.message.count({ where: { replyKey: `csat:${second.id}` } })).toBe(1);
  });
});
