import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../app/hub.ts';
import { loadSampleFaqs } from '../../prisma/seed/faq-ecommerce.ts';
import { ANN, ANN_CHAT, startTelegramBotApi, type FakeChat, type FakeUser, type TelegramBotApi } from '../loopback/telegram-bot-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { eventually, WAIT_MS, sleep, STACKS, stackConfig, stackEnvironment, TELEGRAM_SECRET, TELEGRAM_TOKEN } from '../support/hub-stacks.ts';

const sample = new Map(loadSampleFaqs().map((faq) => [faq.id, faq]));
const answerOf = (id: string) => sample.get(id)!.answer;

for (const stack of STACKS) {
  describe(`Telegram → answer, on ${stack.name}`, () => {
    let testDb: TestDatabase;
    let telegram: TelegramBotApi;
    let hub: RunningHub;
    let webhookUrl: string;

    beforeEach(async () => {
      testDb = await createTestDatabase(stack.provider);
      telegram = await startTelegramBotApi({ token: TELEGRAM_TOKEN });
      hub = await startHub(stackConfig(stackEnvironment(stack, testDb.url, { telegramApiRoot: telegram.apiRoot })));
      webhookUrl = `http://127.0.0.1:${hub.port}/webhooks/telegram`;
    });

    afterEach(async () => {
      await hub?.close();
      await telegram?.close();
      await testDb?.drop();
    });

    const post = (body: unknown, secret: string | null = TELEGRAM_SECRET, raw?: string) =>
      fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
        body: raw ?? JSON.stringify(body),
      });

    const repliesTo = (chatId: number) => telegram.sentMessages.filter((message) => message.chatId === chatId);

    it('answers an English question with the right FAQ answer at the Bot API', async () => {
      const response = await post(telegram.customerMessage(ANN_CHAT, ANN, 'how long does delivery usually take?'));
      expect(response.status).toBe(200);
      const [reply] = await eventually(() => repliesTo(ANN_CHAT.id).length > 0 && repliesTo(ANN_CHAT.id), WAIT_MS, 'a reply');
      expect(reply!.text).toBe(answerOf('shipping-time-en'));
      // The reply threads to the customer's message.
      expect((reply!.params.reply_parameters as { message_id: number }).message_id).toBe(1);
    });

    it('greets the /start every new customer sends, and answers the question after it', async () => {
      const chat: FakeChat = { id: 4444, type: 'private', first_name: 'Bob' };
      const from: FakeUser = { id: 4444, is_bot: false, first_name: 'Bob', language_code: 'en' };
      await post(telegram.customerMessage(chat, from, '/start'));
      const [greeting] = await eventually(() => repliesTo(chat.id).length > 0 && repliesTo(chat.id), WAIT_MS, 'a greeting');
      expect(greeting!.text).toBe('Hello! How can I help you?');
      await post(telegram.customerMessage(chat, from, 'how long does delivery usually take?'));
      const [, answer] = await eventually(() => repliesTo(chat.id).length > 1 && repliesTo(chat.id), WAIT_MS, 'the answer');
      expect(answer!.text).toBe(answerOf('shipping-time-en'));
    });

    it('greets a customer whose Telegram is set to Chinese in Chinese', async () => {
      const chat: FakeChat = { id: 3333, type: 'private', first_name: '小红' };
      const from: FakeUser = { id: 3333, is_bot: false, first_name: '小红', language_code: 'zh-hans' };
      await post(telegram.customerMessage(chat, from, '/start'));
      const [greeting] = await eventually(() => repliesTo(chat.id).length > 0 && repliesTo(chat.id), WAIT_MS, 'a greeting');
      expect(greeting!.text).toBe('您好，请问有什么可以帮您？');
    });

    it('answers a Chinese question in Chinese', async () => {
      const chat: FakeChat = { id: 2222, type: 'private', first_name: '小明' };
      const from: FakeUser = { id: 2222, is_bot: false, first_name: '小明', language_code: 'zh-hans' };
      await post(telegram.customerMessage(chat, from, '我想退货，运费谁来出？'));
      const [reply] = await eventually(() => repliesTo(chat.id).length > 0 && repliesTo(chat.id), WAIT_MS, 'a reply');
      expect(reply!.text).toBe(answerOf('returns-shipping-fee-zh'));
    });

    it('answers the same update delivered twice only once', async () => {
      const update = telegram.customerMessage(ANN_CHAT, ANN, 'how do I reset my password?');
      const [first, second] = await Promise.all([post(update), post(update)]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect((await post(update)).status).toBe(200);
      await eventually(() => repliesTo(ANN_CHAT.id).length > 0, WAIT_MS, 'a reply');
      await sleep(1500);
      expect(repliesTo(ANN_CHAT.id)).toHaveLength(1);
      expect(await testDb.database.prisma.message.count({ where: { direction: 'incoming' } })).toBe(1);
    });

    it('refuses unauthenticated and malformed requests and stores nothing', async () => {
      const update = telegram.customerMessage(ANN_CHAT, ANN, 'where is my order?');
      expect((await post(update, null)).status).toBe(401);
      expect((await post(update, 'wrong-secret')).status).toBe(401);
      expect((await post(undefined, TELEGRAM_SECRET, '{"update_id": 1, "message": ')).status).toBe(400);
      expect((await post({ hello: 'world' })).status).toBe(400);
      const notFound = await fetch(`http://127.0.0.1:${hub.port}/webhooks/nope`, { method: 'POST', body: '{}' });
      expect(notFound.status).toBe(404);
      await sleep(300);
      expect(await testDb.database.prisma.message.count()).toBe(0);
      expect(await testDb.database.prisma.conversation.count()).toBe(0);
      expect(telegram.sentMessages).toHaveLength(0);
    });

    it('hands a question the knowledge base cannot answer to a human (pending_agent)', async () => {
      await post(telegram.customerMessage(ANN_CHAT, ANN, 'my neighbour keeps parking his tractor on my tulips'));
      const [notice] = await eventually(() => repliesTo(ANN_CHAT.id).length > 0 && repliesTo(ANN_CHAT.id), WAIT_MS, 'a reply');
      const conversation = await testDb.database.prisma.conversation.findFirstOrThrow();
      expect(conversation.status).toBe('pending_agent');
      expect(conversation.escalatedAt).not.toBeNull();
      expect(notice!.text).toMatch(/person will follow up/);
      expect(await testDb.database.prisma.escalation.count({ where: { conversationId: conversation.id, status: 'open' } })).toBe(1);
      expect(await testDb.database.prisma.unansweredQuestion.count()).toBe(1);
      const events = await testDb.database.prisma.conversationEvent.findMany({ where: { conversationId: conversation.id }, orderBy: { at: 'asc' } });
      expect(events.map((event) => event.type)).toContain('escalate');
    });

    it('retries a send the Bot API rate-limited, honouring retry_after', async () => {
      telegram.rateLimitNext(1, 1);
      const started = Date.now();
      await post(telegram.customerMessage(ANN_CHAT, ANN, 'which payment methods do you accept?'));
      const [reply] = await eventually(() => repliesTo(ANN_CHAT.id).length > 0 && repliesTo(ANN_CHAT.id), WAIT_MS, 'a reply');
      expect(reply!.text).toBe(answerOf('payment-methods-en'));
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(telegram.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(2);
    });
  });
}
