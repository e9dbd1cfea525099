/**
 * ROLE=all with WORKER_THREAD=on (what `npm start` runs): webhooks on the main thread, answers and
 * deliveries in the worker thread, on both stacks. Every message is answered once, GET /metrics adds the
 * worker thread's counters to the main thread's, and close stops both threads.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';
import { startHubWithWorkerThread } from '../../app/hub-with-worker-thread.ts';
import type { RunningHub } from '../../app/hub.ts';
import { createLogger } from '../../core/logger.ts';
import { startHttpCallbackReceiver, type HttpCallbackReceiver } from '../loopback/http-callback-receiver.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { eventually, HTTP_INBOUND_SECRET, HTTP_OUTBOUND_SECRET, STACKS, stackConfig, stackEnvironment, WAIT_MS } from '../support/hub-stacks.ts';

const QUESTIONS = ['请问怎么开发票？', 'How do I get an invoice?', '怎么开发票'];

for (const stack of STACKS) {
  describe(`ROLE=all with its worker thread, on ${stack.name}`, () => {
    let testDb: TestDatabase;
    let receiver: HttpCallbackReceiver;
    let hub: RunningHub | undefined;
    const threadExits: Error[] = [];

    beforeEach(async () => {
      testDb = await createTestDatabase(stack.provider);
      receiver = await startHttpCallbackReceiver({ outboundSecret: HTTP_OUTBOUND_SECRET });
      const config = stackConfig(stackEnvironment(stack, testDb.url, { httpCallbackUrl: receiver.url }));
      expect(config.workerThread).toBe(true);
      hub = await startHubWithWorkerThread(config, { logger: createLogger('silent'), onWorkerThreadExit: (error) => threadExits.push(error) });
    });

    afterEach(async () => {
      await hub?.close();
      await receiver?.close();
      await testDb?.drop();
    });

    it('answers every webhook once from the worker thread and reports both threads in one /metrics', async () => {
      const port = hub!.port!;
      for (const [n, text] of QUESTIONS.entries()) {
        const body = JSON.stringify({ conversation_id: `web-${n}`, user: { id: `visitor-${n}` }, message: { id: `m-${n}`, text } });
        const sent = await fetch(`http://127.0.0.1:${port}/webhooks/http`, { method: 'POST', headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, HTTP_INBOUND_SECRET, new Date()) }, body });
        expect(sent.status).toBe(200);
      }
      const scrape = async () => await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const text = await eventually(async () => {
        const current = await scrape();
        return current.includes(`kefu_deliveries_total{outcome="sent"} ${QUESTIONS.length}`) && current;
      }, WAIT_MS, 'every delivery counted');

      const answered = receiver.received.map((callback) => (callback.body as { conversation_id: string }).conversation_id).sort();
      expect(answered).toEqual(QUESTIONS.map((_, n) => `web-${n}`));
      expect(text).toContain(`kefu_webhooks_total{inbox="http",outcome="accepted"} ${QUESTIONS.length}\n`);
      expect(text).toContain(`kefu_answers_total{tier="bot",reason="faq_answer"} ${QUESTIONS.length}\n`);
      for (const name of ['kefu_webhooks_total', 'kefu_answers_total', 'kefu_deliveries_total', 'kefu_queue_depth']) expect(text.split(`# TYPE ${name} `)).toHaveLength(2);
      const stored = await testDb.database.prisma.message.findMany({ where: { direction: 'outgoing', status: 'sent' }, select: { id: true } });
      expect(stored).toHaveLength(QUESTIONS.length);
      if (stack.queue === 'in-process') {
        // The admin page's "retry" asks the worker thread's queue to forget a finished job: a finished
        // answer job is known there once, an unknown id is not.
        const answered = await testDb.database.prisma.message.findFirstOrThrow({ where: { direction: 'incoming' }, select: { id: true } });
        expect(await hub!.queue.forgetFinished(`answer:${answered.id}`)).toBe(true);
        expect(await hub!.queue.forgetFinished(`answer:${answered.id}`)).toBe(false);
        expect(await hub!.queue.forgetFinished('deliver:no-such-message')).toBe(false);
      }
    });

    it('stops both threads on close, without reporting the worker thread as crashed', async () => {
      const port = hub!.port!;
      await hub!.close();
      hub = undefined;
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      expect(threadExits).toEqual([]);
    });
  });
}

describe('ROLE=all when its worker thread fails', () => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    await testDb?.drop();
  });
  const config = () => stackConfig(stackEnvironment(STACKS[0]!, testDb.url, {}));

  it('does not start when the worker thread fails while starting', async () => {
    const exits: Error[] = [];
    await expect(
      startHubWithWorkerThread(config(), { logger: createLogger('silent'), onWorkerThreadExit: (error) => exits.push(error), workerEntry: new URL('./fixtures/worker-thread-failing-at-start.ts', import.meta.url) }),
    ).rejects.toThrow(/planned failure while starting/);
    expect(exits).toEqual([]);
  });

  it('reports a worker thread that dies after starting, so the process can exit for its supervisor', async () => {
    const exits: Error[] = [];
    const reported = new Promise<void>((resolve) => {
      void startHubWithWorkerThread(config(), {
        logger: createLogger('silent'),
        onWorkerThreadExit: (error) => (exits.push(error), resolve()),
        workerEntry: new URL('./fixtures/worker-thread-crashing-after-start.ts', import.meta.url),
      }).then((started) => (hub = started));
    });
    let hub: RunningHub | undefined;
    await reported;
    expect(exits.map((error) => error.message)).toEqual([expect.stringMatching(/planned crash after start/)]);
    await eventually(() => hub !== undefined, WAIT_MS, 'the hub to have started before its thread died');
    // Jobs can no longer be handed over (the webhook answers 500 and the channel sends it again), and the
    // web side still closes cleanly: the dead thread's part is already gone.
    await expect(hub!.queue.add('answer', { messageId: 'm-after-crash' }, { jobId: 'answer:m-after-crash' })).rejects.toThrow(/not running/);
    await hub!.close();
  });
});
