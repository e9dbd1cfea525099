import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';
import { loadSampleFaqs } from '../../prisma/seed/faq-ecommerce.ts';
import { startHttpCallbackReceiver, type HttpCallbackReceiver } from '../loopback/http-callback-receiver.ts';
import { startHubProcess, stopAllHubProcesses, type HubProcess } from '../support/hub-process.ts';
import { eventually, PROCESS_TEST_TIMEOUT_MS, WAIT_MS, HTTP_INBOUND_SECRET, HTTP_OUTBOUND_SECRET, sleep, STACKS, stackEnvironment } from '../support/hub-stacks.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const stack = STACKS.find((candidate) => candidate.queue === 'redis')!;
const hoursAnswer = loadSampleFaqs().find((faq) => faq.id === 'hours-service-en')!.answer;
const MESSAGES = 30;

/**
 * Two web and two worker processes on one PostgreSQL and one Redis: every message, posted to either web
 * process (and some twice, to both), is answered exactly once — nothing a second process needs lives in
 * one process's memory.
 */
describe(`scaled out: 2 web + 2 worker processes, on ${stack.name}`, () => {
  let testDb: TestDatabase;
  let receiver: HttpCallbackReceiver;
  const processes: HubProcess[] = [];

  beforeEach(async () => {
    testDb = await createTestDatabase(stack.provider);
    receiver = await startHttpCallbackReceiver({ outboundSecret: HTTP_OUTBOUND_SECRET });
  });
  // Processes whose start failed half-way (one of the four timed out) are not in `processes`: ended here.
  afterAll(stopAllHubProcesses);
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((hub) => hub.kill('SIGTERM')));
    await receiver?.close();
    await testDb?.drop();
  });

  // Four process start-ups on two cores: generous time, since the assertion is about exactly-once answers.
  it('answers every message once, whichever web process received it', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const environment = stackEnvironment(stack, testDb.url, { httpCallbackUrl: receiver.url }, { WORKER_CONCURRENCY: '4' });
    // The first process migrates and seeds; the others start on the prepared database, all at once.
    processes.push(await startHubProcess('web', environment));
    processes.push(...(await Promise.all([startHubProcess('web', environment), startHubProcess('worker', environment), startHubProcess('worker', environment)])));
    const webPorts = processes.filter((hub) => hub.port !== undefined).map((hub) => hub.port!);
    expect(webPorts).toHaveLength(2);

    const post = (port: number, id: number) => {
      const body = JSON.stringify({ conversation_id: `c-${id}`, user: { id: `u-${id}` }, message: { id: `m-${id}`, text: 'what are your customer service hours?' } });
      return fetch(`http://127.0.0.1:${port}/webhooks/http`, { method: 'POST', headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, HTTP_INBOUND_SECRET, new Date()) }, body });
    };
    const posts: Array<Promise<Response>> = [];
    for (let id = 0; id < MESSAGES; id++) {
      posts.push(post(webPorts[id % 2]!, id));
      if (id % 3 === 0) posts.push(post(webPorts[(id + 1) % 2]!, id)); // a retry that lands on the other web process
    }
    const statuses = (await Promise.all(posts)).map((response) => response.status);
    const errors = processes.flatMap((hub) => hub.logs.filter((line) => (line.level as number) >= 50).map((line) => JSON.stringify(line)));
    expect(statuses, errors.join('\n')).toEqual(posts.map(() => 200));

    const conversations = () => new Set(receiver.received.map((callback) => (callback.body as { conversation_id: string }).conversation_id));
    await eventually(() => conversations().size === MESSAGES, WAIT_MS, 'an answer to every conversation');
    await sleep(1500);
    expect(receiver.received).toHaveLength(MESSAGES);
    expect(receiver.received.every((callback) => (callback.body as { message: { text: string } }).message.text === hoursAnswer)).toBe(true);
    expect(await testDb.database.prisma.message.count({ where: { direction: 'incoming' } })).toBe(MESSAGES);
    // Both workers took part: the work is shared through the queue, not pinned to one process.
    const delivered = processes.map((hub) => hub.logs.filter((line) => line.msg === 'message delivered').length);
    expect(delivered.filter((count) => count > 0).length).toBe(2);
  });
});
