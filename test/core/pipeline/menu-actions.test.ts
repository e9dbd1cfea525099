/**
 * Official Account menu clicks mapped to actions, through the real OA parser, the real answer engine and the
 * pipeline on SQLite: `{"action":"human"}` hands the customer to a person (escalation reason `menu`),
 * `{"action":"faq","faqId":…}` answers with that FAQ, a text still flows through the bot as typed words.
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wechatOfficialChannel, wechatOfficialSettingsSchema, type WeChatOfficialSettings } from '../../../adapters/wechat-official/index.ts';
import type { InboxOf } from '../../../adapters/wechat-shared/contract.ts';
import { createAnswerEngine } from '../../../bot/answer-engine.ts';
import type { KnowledgeEntry, KnowledgeSnapshot } from '../../../bot/knowledge-base.ts';
import { trainMatcher } from '../../../bot/matcher/index.ts';
import type { InboundMessage } from '../../../core/messages.ts';
import { answerMessage } from '../../../core/pipeline/answer-message.ts';
import { createInProcessQueue } from '../../../core/queue/in-process-queue.ts';
import type { JobQueue, RunningWorker } from '../../../core/queue/job-queue.ts';
import { DEFAULT_ROUTING_RULES, DEFAULT_THRESHOLDS } from '../../../core/routing/policy.ts';
import { recordInboundMessage } from '../../../core/storage/inbound-messages.ts';
import { shopFaq } from '../../bot/matcher/fixtures/shop-faq.ts';
import { buildOfficialPush } from '../../loopback/wechat-official-api.ts';
import { createMemoryTokenStore } from '../../support/memory-token-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';
import { OA_FRESH } from '../../adapters/wechat-shared/vectors.ts';

const logger = pino({ level: 'silent' });
const at = new Date('2026-03-01T08:00:00.000Z');
const keys = { token: OA_FRESH.token, appId: OA_FRESH.appId };
const MENU = {
  MENU_AGENT: { action: 'human' },
  MENU_RETURNS: { action: 'faq', faqId: 'returns', text: '退货' },
  MENU_GONE: { action: 'faq', faqId: 'no-such-faq' },
  MENU_SHIPPING: 'How long does shipping take?',
};
const entries = new Map<string, KnowledgeEntry>(shopFaq.map((faq) => [faq.id, { ...faq, answer: `The answer about ${faq.id}.`, category: 'shop', locale: 'en' }]));
const snapshot: KnowledgeSnapshot = { matcher: trainMatcher([...entries.values()]), entries, fingerprint: 'v1' };
const engine = createAnswerEngine({ knowledge: { current: async () => snapshot }, logger });
const bot = { ...engine, complaintRisk: () => 0, lines: { clarifyIntro: () => 'Did you mean?', handoffNotice: () => 'A person will follow up.' } };

const channel = wechatOfficialChannel.create({ fetch, now: () => at, tokens: createMemoryTokenStore(), logger });
const inboxOf = (id: string): InboxOf<WeChatOfficialSettings> => ({ id, key: 'oa', name: 'OA', settings: wechatOfficialSettingsSchema.parse({ appId: keys.appId, appSecret: 'a3f09c1d2e4b5f6a7b8c9d0e1f2a3b4c', token: keys.token, menu: MENU }) });
const clickXml = (key: string, createTime = 1761234600) =>
  `<xml><ToUserName><![CDATA[gh_3f9a2b7c1d4e]]></ToUserName><FromUserName><![CDATA[oQx7D5-ZkR2pV9mLw3Ht8Ya1bC4E]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[${key}]]></EventKey></xml>`;
function click(inboxId: string, key: string, createTime?: number): InboundMessage | undefined {
  const push = buildOfficialPush(keys, clickXml(key, createTime));
  const parsed = channel.parse({ method: 'POST', path: '', headers: {}, query: push.query, body: push.body }, inboxOf(inboxId));
  return parsed.kind === 'messages' ? parsed.messages[0] : undefined;
}

describe('menu settings and parse', () => {
  it('accepts a text or an action per key, and refuses an unknown action or a faq action without its id', () => {
    expect(inboxOf('i').settings.menu.MENU_AGENT).toEqual({ action: 'human' });
    const parse = (menu: unknown) => wechatOfficialSettingsSchema.safeParse({ appId: keys.appId, appSecret: 'a3f09c1d2e4b5f6a7b8c9d0e1f2a3b4c', token: keys.token, menu }).success;
    expect(parse({ K: { action: 'refund' } })).toBe(false);
    expect(parse({ K: { action: 'faq' } })).toBe(false);
    expect(parse({ K: { action: 'human', extra: 1 } })).toBe(false);
    expect(parse({ K: '' })).toBe(false);
  });

  it('flags a click mapped to an action; a text click and an unmapped key carry none', () => {
    expect(click('i', 'MENU_AGENT')).toMatchObject({ text: '[menu MENU_AGENT]', action: { type: 'human' } });
    expect(click('i', 'MENU_RETURNS')).toMatchObject({ text: '退货', action: { type: 'faq', faqId: 'returns' } });
    expect(click('i', 'MENU_SHIPPING')).not.toHaveProperty('action');
    expect(click('i', 'UNKNOWN')).toBeUndefined();
    expect(click('i', 'constructor')).toBeUndefined();
  });
});

describe('menu actions through the pipeline, on sqlite', () => {
  let testDb: TestDatabase;
  let queue: JobQueue;
  let worker: RunningWorker;
  let inboxId: string;

  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
    queue = createInProcessQueue();
    worker = queue.work({ answer: async () => {}, deliver: async () => {}, pull: async () => {}, notify: async () => {} });
    inboxId = (await testDb.database.prisma.inbox.create({ data: { key: 'oa', channel: 'wechat_official', name: 'OA' } })).id;
  });
  afterEach(async () => {
    await worker?.close();
    await queue?.close();
    await testDb?.drop();
  });

  const answerClick = async (key: string, createTime?: number) => {
    const { messageId } = await recordInboundMessage(testDb.database.direct, inboxId, click(inboxId, key, createTime)!, at);
    await answerMessage({ db: testDb.database.prisma, direct: testDb.database.direct, queue, logger, bot, now: () => at, policyFor: () => ({ ...DEFAULT_ROUTING_RULES, answering: DEFAULT_THRESHOLDS }) }, messageId);
    const db = testDb.database.prisma;
    return { message: await db.message.findUniqueOrThrow({ where: { id: messageId } }), reply: await db.message.findUnique({ where: { replyKey: `bot:${messageId}` } }) };
  };

  it('"a person" opens an escalation with reason menu, and the handoff line goes out', async () => {
    const { message, reply } = await answerClick('MENU_AGENT');
    expect(message).toMatchObject({ status: 'answered', tier: 'human', routingReason: 'menu' });
    expect(await testDb.database.prisma.escalation.findFirstOrThrow()).toMatchObject({ reason: 'menu', status: 'open' });
    expect(reply).toMatchObject({ text: 'A person will follow up.', status: 'queued' });
  });

  it('an FAQ action answers with that FAQ\'s own words, whatever its text would match', async () => {
    const { message, reply } = await answerClick('MENU_RETURNS');
    expect(message).toMatchObject({ status: 'answered', tier: 'bot', routingReason: 'menu', faqId: 'returns' });
    expect(reply).toMatchObject({ text: 'The answer about returns.', faqId: 'returns' });
    expect(await testDb.database.prisma.escalation.count()).toBe(0);
  });

  it('an FAQ deleted since is matched on the click\'s text (here: nothing, so a person)', async () => {
    const gone = await answerClick('MENU_GONE');
    expect(gone.message).toMatchObject({ status: 'answered', routingReason: 'low_confidence' });
  });

  it('a text click is matched like typed words', async () => {
    const typed = await answerClick('MENU_SHIPPING');
    expect(typed.reply).toMatchObject({ faqId: 'shipping-time' });
    expect(typed.message.routingReason).toBe('faq_answer');
  });
});
