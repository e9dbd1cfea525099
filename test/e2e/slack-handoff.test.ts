/**
 * Issue 19, end to end through the real HTTP stack: the HTTP channel on one side (signed webhooks, a
 * loopback callback receiver), the Slack desk on the other (a loopback Slack Web API; events and clicks
 * signed like Slack's and posted to POST /slack/events).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';
import { startHub, type RunningHub } from '../../app/hub.ts';
import { routingPolicySchema } from '../../core/routing/policy.ts';
import { ANN, ANN_CHAT, startTelegramBotApi, type TelegramBotApi } from '../loopback/telegram-bot-api.ts';
import { startHttpCallbackReceiver, type HttpCallbackReceiver } from '../loopback/http-callback-receiver.ts';
import { blockActionsPayload, postToSlackRouter, startSlackApi, threadReplyEvent, type SlackApi, type SlackMessageRecord } from '../loopback/slack-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { eventually, sleep, STACKS, stackConfig, stackEnvironment, HTTP_INBOUND_SECRET, HTTP_OUTBOUND_SECRET, TELEGRAM_SECRET, TELEGRAM_TOKEN } from '../support/hub-stacks.ts';

const SLACK = { token: 'xoxb-test-0123456789', signingSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', channel: 'C0AGENTS' };
const AGENT = 'U0AGENT';

interface CallbackBody { conversation_id: string; message: { id: string; text: string; suggestions: string[] } }

for (const stack of STACKS) {
  describe(`human handoff through Slack, on ${stack.name}`, () => {
    let testDb: TestDatabase;
    let receiver: HttpCallbackReceiver;
    let slack: SlackApi;
    let telegram: TelegramBotApi;
    let hub: RunningHub;
    let base: string;

    beforeEach(async () => {
      testDb = await createTestDatabase(stack.provider);
      receiver = await startHttpCallbackReceiver({ outboundSecret: HTTP_OUTBOUND_SECRET });
      slack = await startSlackApi({ token: SLACK.token, channels: [SLACK.channel] });
      telegram = await startTelegramBotApi({ token: TELEGRAM_TOKEN });
      const desks = { SLACK_BOT_TOKEN: SLACK.token, SLACK_SIGNING_SECRET: SLACK.signingSecret, SLACK_AGENT_CHANNEL: SLACK.channel, SLACK_API_URL: slack.apiUrl };
      const config = stackConfig(stackEnvironment(stack, testDb.url, { httpCallbackUrl: receiver.url, telegramApiRoot: telegram.apiRoot }));
      const routing = routingPolicySchema.parse({ categoryTiers: { coupons: 'bot_draft' }, renotifyAfterSeconds: 1 });
      hub = await startHub({ ...config, routing }, { env: desks });
      base = `http://127.0.0.1:${hub.port}`;
      await testDb.database.prisma.agent.create({ data: { name: 'Ann', slackUserId: AGENT } });
    });

    afterEach(async () => {
      await hub?.close();
      await slack?.close();
      await telegram?.close();
      await receiver?.close();
      await testDb?.drop();
    });

    const db = () => testDb.database.prisma;
    const customerSays = async (id: string, text: string) => {
      const body = JSON.stringify({ conversation_id: 'web-1', user: { id: 'visitor-1', name: 'Lin' }, message: { id, text } });
      const response = await fetch(`${base}/webhooks/http`, { method: 'POST', headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, HTTP_INBOUND_SECRET, new Date()) }, body });
      expect(response.status).toBe(200);
    };
    const callbacks = () => receiver.received.map((callback) => (callback.body as CallbackBody).message);
    const callbackCount = async (n: number, what: string) => eventually(() => callbacks().length >= n && callbacks(), undefined, what);
    const card = () => eventually(() => slack.messages.find((m) => m.thread_ts === undefined), undefined, 'the escalation card');
    const thread = (root: SlackMessageRecord) => slack.messages.filter((m) => m.thread_ts === root.ts);
    const event = (body: Record<string, unknown>, options = {}) => postToSlackRouter(`${base}/slack/events`, SLACK.signingSecret, { kind: 'event', body }, options);
    const click = async (root: SlackMessageRecord, actionId: string, value = '', part = 'main') => {
      const escalation = await db().escalation.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
      return postToSlackRouter(`${base}/slack/events`, SLACK.signingSecret, {
        kind: 'interaction',
        payload: blockActionsPayload({ channel: SLACK.channel, messageTs: root.ts, actionId, blockId: `kefu:${escalation.id}:${part}`, value, user: AGENT, actionTs: `${Date.now()}.${Math.random()}` }),
      });
    };

    it('an angry message becomes a card; replies reach the customer, notes do not; later messages reach the thread; resolve asks for and stores a score', async () => {
      await customerSays('m-1', '退款三天了还没到账！！！什么破店 订单号 2024112233445566');
      const root = await card();
      const escalation = await db().escalation.findFirstOrThrow();
      expect(escalation).toMatchObject({ reason: 'complaint_risk', tier: 'human', status: 'open' });
      const cardText = JSON.stringify(root.blocks);
      expect(cardText).toContain('2024112233445566'); // the work-order summary's order number
      expect(cardText).toMatch(/kefu_send_suggestion/); // knowledge-base suggestions with Send buttons
      await callbackCount(1, 'the handoff notice');

      // The customer writes again while waiting: the message is in the thread, the customer is told once.
      await customerSays('m-2', '还要等多久？');
      await eventually(() => thread(root).some((m) => m.text.includes('还要等多久')), undefined, 'the message in the thread');
      const [, ack] = await callbackCount(2, 'the acknowledgement');
      expect(ack!.text).toMatch(/预计约 \d+ 分钟/);

      // A note stays internal; a reply reaches the customer and claims the conversation.
      expect((await event(threadReplyEvent({ eventId: 'Ev1', channel: SLACK.channel, threadTs: root.ts, text: '// customer is VIP, be nice', user: AGENT }))).status).toBe(200);
      expect((await event(threadReplyEvent({ eventId: 'Ev2', channel: SLACK.channel, threadTs: root.ts, text: '您好，退款已经加急处理，今天到账。', user: AGENT }))).status).toBe(200);
      const [, , reply] = await callbackCount(3, 'the agent reply');
      expect(reply!.text).toBe('您好，退款已经加急处理，今天到账。');
      expect(await db().message.findFirst({ where: { direction: 'internal' } })).toMatchObject({ text: 'customer is VIP, be nice', status: 'note' });
      expect(await db().conversation.findFirstOrThrow()).toMatchObject({ status: 'agent' });

      // Slack's retry of the same event changes nothing.
      await event(threadReplyEvent({ eventId: 'Ev2', channel: SLACK.channel, threadTs: root.ts, text: '您好，退款已经加急处理，今天到账。', user: AGENT }), { retryNum: 1 });

      expect((await click(root, 'kefu_resolve')).status).toBe(200);
      const [, , , question] = await callbackCount(4, 'the score question');
      expect(question!.suggestions).toEqual(['1', '2', '3', '4', '5']);
      await eventually(async () => (await db().escalation.findFirstOrThrow()).status === 'resolved', undefined, 'resolved');
      await customerSays('m-3', '5');
      await eventually(async () => (await db().conversation.findFirstOrThrow()).csatScore === 5, undefined, 'the stored score');
      await callbackCount(5, 'the thanks');
      expect(callbacks().filter((m) => m.text.includes('VIP'))).toEqual([]);
      expect(callbacks().filter((m) => m.text.startsWith('您好，退款'))).toHaveLength(1);
      await eventually(() => slack.calls.some((c) => c.method === 'chat.update' && JSON.stringify(c.params).includes('resolved')), undefined, 'the card updated');

      // The next question starts fresh with the bot.
      await customerSays('m-4', '请问怎么开发票？');
      await callbackCount(6, 'a bot answer');
      expect(await db().escalation.count()).toBe(1);
    });

    it('an angry message on Telegram becomes a card with summary and suggestions; the thread reply reaches the Telegram chat', async () => {
      const update = telegram.customerMessage(ANN_CHAT, ANN, '退款三天了还没到账！！！什么破店 订单号 2024112233445566');
      const response = await fetch(`${base}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }, body: JSON.stringify(update) });
      expect(response.status).toBe(200);
      const root = await card();
      expect(await db().escalation.findFirstOrThrow()).toMatchObject({ reason: 'complaint_risk', tier: 'human' });
      const cardText = JSON.stringify(root.blocks);
      expect(cardText).toContain('telegram');
      expect(cardText).toContain('2024112233445566');
      expect(cardText).toMatch(/kefu_send_suggestion/);
      const toAnn = () => telegram.sentMessages.filter((m) => m.chatId === ANN_CHAT.id);
      await eventually(() => toAnn().length >= 1, undefined, 'the handoff notice on Telegram');
      await event(threadReplyEvent({ eventId: 'Ev30', channel: SLACK.channel, threadTs: root.ts, text: '您好，退款今天到账。', user: AGENT }));
      await eventually(() => toAnn().some((m) => m.text === '您好，退款今天到账。'), undefined, 'the agent reply on Telegram');
      expect(callbacks()).toEqual([]); // nothing went to the HTTP channel's customer
    });

    it('a coupon question becomes a draft that goes out only after Approve', async () => {
      await customerSays('m-1', '优惠券怎么使用？');
      const root = await card();
      expect(await db().escalation.findFirstOrThrow()).toMatchObject({ tier: 'bot_draft' });
      expect(JSON.stringify(root.blocks)).toContain('kefu_approve_draft');
      const draft = await db().message.findFirstOrThrow({ where: { status: 'draft' } });
      await sleep(500);
      expect(callbacks()).toEqual([]);
      expect((await click(root, 'kefu_approve_draft', '', 'draft')).status).toBe(200);
      const [sent] = await callbackCount(1, 'the approved draft');
      expect(sent!.text).toBe(draft.text);
      await eventually(async () => (await db().conversation.findFirstOrThrow()).status === 'bot', undefined, 'back with the bot');
    });

    it('an unclaimed escalation re-notifies, then louder; hand back returns the conversation to the bot', async () => {
      await customerSays('m-1', '转人工');
      const root = await card();
      await eventually(() => thread(root).some((m) => m.text.includes('URGENT')), undefined, 'the louder reminder');
      expect(thread(root).some((m) => m.text.includes('still waiting'))).toBe(true);
      expect((await click(root, 'kefu_hand_back')).status).toBe(200);
      await eventually(async () => (await db().conversation.findFirstOrThrow()).status === 'bot', undefined, 'back with the bot');
      await customerSays('m-2', '请问怎么开发票？');
      await callbackCount(2, 'a bot answer after hand back');
      expect(callbacks()[1]!.text).toContain('发票');
    });

    it('an agent reply the customer\'s channel refuses for good is reported in the thread', async () => {
      await customerSays('m-1', '转人工');
      const root = await card();
      await callbackCount(1, 'the handoff notice');
      receiver.respondNext(1, { status: 400, body: '{"error":"conversation closed"}' });
      expect((await event(threadReplyEvent({ eventId: 'Ev20', channel: SLACK.channel, threadTs: root.ts, text: '您好，我来帮您查一下。', user: AGENT }))).status).toBe(200);
      const note = await eventually(() => thread(root).find((m) => m.text.includes('did NOT reach')), undefined, 'the failure in the thread');
      expect(note.text).toContain('您好，我来帮您查一下。');
      expect(note.text).toMatch(/400/);
      expect(await db().message.findFirstOrThrow({ where: { author: 'agent' } })).toMatchObject({ status: 'failed' });
      expect(callbacks()).toHaveLength(2); // the notice, and the one refused attempt: no retry of a permanent refusal
    });

    it('forged and replayed Slack requests get 401 and change nothing', async () => {
      await customerSays('m-1', '转人工');
      const root = await card();
      const reply = threadReplyEvent({ eventId: 'Ev9', channel: SLACK.channel, threadTs: root.ts, text: 'forged', user: AGENT });
      expect((await event(reply, { signature: 'v0=deadbeef' })).status).toBe(401);
      expect((await event(reply, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
      const unknown = await event(threadReplyEvent({ eventId: 'Ev10', channel: SLACK.channel, threadTs: root.ts, text: 'hello', user: 'U0STRANGER' }));
      expect(unknown.status).toBe(200);
      await sleep(500);
      expect(await db().message.count({ where: { author: 'agent' } })).toBe(0);
      expect(await db().conversation.findFirstOrThrow()).toMatchObject({ status: 'pending_agent' });
      await eventually(() => thread(root).some((m) => m.text.includes('not registered')), undefined, 'the refusal in the thread');
    });
  });
}
