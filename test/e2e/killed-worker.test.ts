import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSampleFaqs } from '../../prisma/seed/faq-ecommerce.ts';
import { ANN, ANN_CHAT, startTelegramBotApi, type TelegramBotApi } from '../loopback/telegram-bot-api.ts';
import { startHubProcess, stopAllHubProcesses, type HubProcess } from '../support/hub-process.ts';
import { eventually, PROCESS_TEST_TIMEOUT_MS, WAIT_MS, sleep, STACKS, stackEnvironment, TELEGRAM_SECRET, TELEGRAM_TOKEN } from '../support/hub-stacks.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const passwordAnswer = loadSampleFaqs().find((faq) => faq.id === 'account-reset-password-en')!.answer;
const QUESTION = 'how do I reset my password?';

/**
 * Nothing accepted is lost: the hub runs as real processes that are killed with SIGKILL between the
 * customer's message and the reply, and the reply still goes out, once, when a worker comes back.
 */
for (const stack of STACKS) {
  describe(`a killed worker loses nothing, on ${stack.name}`, () => {
    let testDb: TestDatabase;
    let telegram: TelegramBotApi;
    let environment: Record<string, string>;
    const processes: HubProcess[] = [];
    const start = async (role: 'all' | 'web' | 'worker') => {
      const started = await startHubProcess(role, environment);
      processes.push(started);
      return started;
    };

    beforeEach(async () => {
      testDb = await createTestDatabase(stack.provider);
      telegram = await startTelegramBotApi({ token: TELEGRAM_TOKEN });
      environment = stackEnvironment(stack, testDb.url, { telegramApiRoot: telegram.apiRoot }, { QUEUE_STALLED_INTERVAL_MS: '1000' });
    });

    // Processes whose start failed half-way, or that a failed test never recorded, are ended here.
    afterAll(stopAllHubProcesses);
    afterEach(async () => {
      await Promise.all(processes.splice(0).map((hub) => hub.kill('SIGTERM')));
      await telegram?.close();
      await testDb?.drop();
    });

    const post = (port: number) =>
      fetch(`http://127.0.0.1:${port}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
        body: JSON.stringify(telegram.customerMessage(ANN_CHAT, ANN, QUESTION)),
      });
    const sendCalls = () => telegram.calls.filter((call) => call.method === 'sendMessage').length;

    // Three process start-ups and ~9 s of deliberate waiting: on a loaded 2-core machine that can take
    // minutes, and this test is about exactly-once delivery, not speed.
    it('answers, once, after the worker was killed while sending the reply', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
      // Separate web and worker processes where the queue allows it; one process on the embedded default.
      const split = stack.queue !== 'in-process';
      const web = await start(split ? 'web' : 'all');
      const worker = split ? await start('worker') : web;
      telegram.delayNext(1, 3000); // hold the first sendMessage so the worker dies in the middle of it
      expect((await post(web.port!)).status).toBe(200);
      await eventually(() => sendCalls() === 1, WAIT_MS, 'the worker to call sendMessage');
      await worker.kill('SIGKILL');
      await sleep(3500); // the held call ends without effect: the caller is gone
      expect(telegram.sentMessages).toHaveLength(0);

      await start(split ? 'worker' : 'all');
      const [reply] = await eventually(() => telegram.sentMessages.length > 0 && telegram.sentMessages, WAIT_MS, 'the reply after restart');
      expect(reply!.text).toBe(passwordAnswer);
      await sleep(2500); // longer than a stall interval: a second delivery would show up now
      expect(telegram.sentMessages).toHaveLength(1);
      const outgoing = await testDb.database.prisma.message.findMany({ where: { direction: 'outgoing' } });
      expect(outgoing.map((message) => message.status)).toEqual(['sent']);
    });

    // The in-process queue lives inside the one hub process, so there is no web-only process to test with.
    it.runIf(stack.queue !== 'in-process')('answers a message received while no worker ran, once one starts', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
      const web = await start('web');
      expect((await post(web.port!)).status).toBe(200);
      await sleep(1000);
      expect(sendCalls()).toBe(0);
      const stored = await testDb.database.prisma.message.findFirstOrThrow({ where: { direction: 'incoming' } });
      expect(stored.status).toBe('received');

      await start('worker');
      const [reply] = await eventually(() => telegram.sentMessages.length > 0 && telegram.sentMessages, WAIT_MS, 'the reply');
      expect(reply!.text).toBe(passwordAnswer);
    });
  });
}
