import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';
import { startHub, type RunningHub } from '../../app/hub.ts';
import { loadSampleFaqs } from '../../prisma/seed/faq-ecommerce.ts';
import { startHttpCallbackReceiver, type HttpCallbackReceiver } from '../loopback/http-callback-receiver.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { eventually, WAIT_MS, sleep, STACKS, stackConfig, stackEnvironment, HTTP_INBOUND_SECRET, HTTP_OUTBOUND_SECRET } from '../support/hub-stacks.ts';

const sample = new Map(loadSampleFaqs().map((faq) => [faq.id, faq]));

interface CallbackBody {
  conversation_id: string;
  user_id: string;
  message: { id: string; text: string; reply_to?: string; suggestions: string[] };
}

for (const stack of STACKS) {
  describe(`HTTP channel → answer, on ${stack.name}`, () => {
    let testDb: TestDatabase;
    let receiver: HttpCallbackReceiver;
    let hub: RunningHub;
    let url: string;

    beforeEach(async () => {
      testDb = await createTestDatabase(stack.provider);
      receiver = await startHttpCallbackReceiver({ outboundSecret: HTTP_OUTBOUND_SECRET });
      hub = await startHub(stackConfig(stackEnvironment(stack, testDb.url, { httpCallbackUrl: receiver.url })));
      url = `http://127.0.0.1:${hub.port}/webhooks/http`;
    });

    afterEach(async () => {
      await hub?.close();
      await receiver?.close();
      await testDb?.drop();
    });

    const send = (payload: unknown, secret = HTTP_INBOUND_SECRET) => {
      const body = JSON.stringify(payload);
      return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, secret, new Date()) }, body });
    };
    const message = (id: string, text: string) => ({ conversation_id: 'web-42', user: { id: 'visitor-7', name: 'Visitor' }, message: { id, text } });
    const callbacks = () => receiver.received.map((callback) => callback.body as CallbackBody);

    it('answers a signed message with the right FAQ answer through the signed callback', async () => {
      expect((await send(message('m-1', '请问怎么开发票？'))).status).toBe(200);
      const [callback] = await eventually(() => callbacks().length > 0 && callbacks(), WAIT_MS, 'a callback');
      expect(callback).toMatchObject({ conversation_id: 'web-42', user_id: 'visitor-7', message: { text: sample.get('invoices-request-zh')!.answer, reply_to: 'm-1' } });
    });

    it('answers "2" after a "did you mean" with the second suggestion\'s FAQ', async () => {
      await send(message('m-5', 'how many days until my parcel gets delivered?'));
      const [clarify] = await eventually(() => callbacks().length > 0 && callbacks(), WAIT_MS, 'a "did you mean"');
      expect(clarify!.message.suggestions.length).toBeGreaterThanOrEqual(2);
      const second = [...sample.values()].find((faq) => faq.question === clarify!.message.suggestions[1])!;
      await send(message('m-6', '2'));
      const [, answer] = await eventually(() => callbacks().length > 1 && callbacks(), WAIT_MS, 'the picked answer');
      expect(answer!.message).toMatchObject({ text: second.answer, reply_to: 'm-6' });
      // The admin's list of unanswered questions learns which FAQ the first question meant.
      const question = await testDb.database.prisma.unansweredQuestion.findFirstOrThrow();
      expect(question).toMatchObject({ text: 'how many days until my parcel gets delivered?', pickedFaqId: `sample-${second.id}` });
    });

    it('hands "转人工" to a person, as the sample FAQ tells customers to type, instead of answering it', async () => {
      await send(message('m-7', '转人工'));
      const [handoff] = await eventually(() => callbacks().length > 0 && callbacks(), WAIT_MS, 'the handoff notice');
      expect(handoff!.message.text).toBe('这个问题我先转给人工客服，稍后会有同事回复您。');
      const db = testDb.database.prisma;
      expect(await db.escalation.findMany()).toMatchObject([{ reason: 'customer_asked', status: 'open' }]);
      expect(await db.conversation.findFirstOrThrow()).toMatchObject({ status: 'pending_agent' });
    });

    it('greets a "hi" and still answers the question that follows, with no person pulled in', async () => {
      await send(message('m-8', 'hi'));
      const [greeting] = await eventually(() => callbacks().length > 0 && callbacks(), WAIT_MS, 'the greeting');
      expect(greeting!.message.text).toBe('Hello! How can I help you?');
      await send(message('m-9', 'can I cancel my order?'));
      const [, answer] = await eventually(() => callbacks().length > 1 && callbacks(), WAIT_MS, 'the answer');
      expect(answer!.message.text).toBe(sample.get('order-cancel-en')!.answer);
      expect(await testDb.database.prisma.escalation.count()).toBe(0);
    });

    it('answers a question sent twice in a row once, and a rephrasing right after with the answer again, never a person', async () => {
      // (Asked again a while after the answer, it goes to a person: test/core/pipeline/answer-message.test.ts.)
      await send(message('m-10', 'can I cancel my order?'));
      await send(message('m-11', 'can I cancel my order?'));
      await eventually(() => callbacks().length > 0, WAIT_MS, 'the answer');
      await send(message('m-12', 'how do I cancel my order??'));
      const [first, second] = await eventually(() => callbacks().length > 1 && callbacks(), WAIT_MS, 'the second answer');
      expect([first!.message.reply_to, second!.message.reply_to]).toEqual(['m-10', 'm-12']);
      expect(second!.message.text).toBe(sample.get('order-cancel-en')!.answer);
      await sleep(500);
      expect(callbacks()).toHaveLength(2);
      expect(await testDb.database.prisma.escalation.count()).toBe(0);
    });

    it('answers a message retried by the sender once', async () => {
      await Promise.all([send(message('m-2', 'can I cancel my order?')), send(message('m-2', 'can I cancel my order?'))]);
      await eventually(() => callbacks().length > 0, WAIT_MS, 'a callback');
      await sleep(1000);
      expect(callbacks()).toHaveLength(1);
      expect(callbacks()[0]!.message.text).toBe(sample.get('order-cancel-en')!.answer);
    });

    it('refuses a bad signature (401) and a malformed body (400), storing nothing', async () => {
      expect((await send(message('m-3', 'hello'), 'not-the-secret-at-all')).status).toBe(401);
      const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message('m-3', 'hi')) });
      expect(unsigned.status).toBe(401);
      const malformed = await send({ conversation_id: 'web-42', user: {}, message: { text: 5 } });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { message: string }).message).toMatch(/user|message/);
      await sleep(300);
      expect(await testDb.database.prisma.message.count()).toBe(0);
    });

    it('retries a failing callback endpoint with the same message id until it accepts', async () => {
      receiver.respondNext(1, { status: 503 });
      await send(message('m-4', 'what are your customer service hours?'));
      const [refused, accepted] = await eventually(() => callbacks().length > 1 && callbacks(), WAIT_MS, 'a callback after a retry');
      expect(accepted!.message.text).toBe(sample.get('hours-service-en')!.answer);
      // The retry carries the same message id, so the receiving server can drop a repeat.
      expect(accepted!.message.id).toBe(refused!.message.id);
      // The hub records the delivery just after the receiver answered: wait for it rather than race it.
      const stored = await eventually(async () => {
        const reply = await testDb.database.prisma.message.findFirstOrThrow({ where: { direction: 'outgoing' } });
        return reply.status === 'sent' && reply;
      }, WAIT_MS, 'the delivery to be recorded');
      expect(stored).toMatchObject({ status: 'sent', attempts: 2 });
    });
  });
}
