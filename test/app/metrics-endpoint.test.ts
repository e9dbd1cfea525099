/**
 * GET /metrics on a running hub (in process, every role in one): a signed webhook and the bot's answer to it
 * are counted, with queue depth and event-loop delay beside them, in Prometheus' text format.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';
import { startHub, type RunningHub } from '../../app/hub.ts';
import { startHttpCallbackReceiver, type HttpCallbackReceiver } from '../loopback/http-callback-receiver.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { eventually, HTTP_INBOUND_SECRET, HTTP_OUTBOUND_SECRET, STACKS, stackConfig, stackEnvironment, WAIT_MS } from '../support/hub-stacks.ts';

const stack = STACKS[0]!;

describe(`GET /metrics on ${stack.name}`, () => {
  let testDb: TestDatabase;
  let receiver: HttpCallbackReceiver;
  let hub: RunningHub;

  beforeEach(async () => {
    testDb = await createTestDatabase(stack.provider);
    receiver = await startHttpCallbackReceiver({ outboundSecret: HTTP_OUTBOUND_SECRET });
    hub = await startHub(stackConfig(stackEnvironment(stack, testDb.url, { httpCallbackUrl: receiver.url })));
  });

  afterEach(async () => {
    await hub?.close();
    await receiver?.close();
    await testDb?.drop();
  });

  const metrics = async () => {
    const response = await fetch(`http://127.0.0.1:${hub.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return await response.text();
  };

  it('counts a webhook, its answer and its delivery', async () => {
    expect(await metrics()).not.toContain('kefu_webhooks_total{');
    const body = JSON.stringify({ conversation_id: 'web-1', user: { id: 'visitor-1' }, message: { id: 'm-1', text: '请问怎么开发票？' } });
    const sent = await fetch(`http://127.0.0.1:${hub.port}/webhooks/http`, { method: 'POST', headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, HTTP_INBOUND_SECRET, new Date()) }, body });
    expect(sent.status).toBe(200);
    await eventually(() => receiver.received.length > 0, WAIT_MS, 'the answer');
    const text = await eventually(async () => {
      const current = await metrics();
      return current.includes('kefu_deliveries_total{outcome="sent"} 1') && current;
    }, WAIT_MS, 'the delivery counted');
    expect(text).toContain('kefu_webhooks_total{inbox="http",outcome="accepted"} 1\n');
    expect(text).toContain('kefu_answers_total{tier="bot",reason="faq_answer"} 1\n');
    expect(text).toMatch(/^kefu_queue_depth\{job="answer"\} 0$/m);
    expect(text).toMatch(/^kefu_event_loop_delay_seconds\{quantile="0\.99"\} \S+$/m);
  });

  it('counts a refused webhook by its outcome', async () => {
    const body = JSON.stringify({ conversation_id: 'web-1', user: { id: 'visitor-1' }, message: { id: 'm-2', text: 'hi' } });
    const refused = await fetch(`http://127.0.0.1:${hub.port}/webhooks/http`, { method: 'POST', headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, 'not-the-secret-0123456789', new Date()) }, body });
    expect(refused.status).toBe(401);
    expect(await metrics()).toContain('kefu_webhooks_total{inbox="http",outcome="unauthorized"} 1\n');
  });
});

const sharedStack = STACKS.find((candidate) => candidate.queue === 'redis')!;

describe(`GET /metrics of a worker process (METRICS_PORT), on ${sharedStack.name}`, () => {
  let testDb: TestDatabase;
  let receiver: HttpCallbackReceiver;
  const hubs: RunningHub[] = [];

  beforeEach(async () => {
    testDb = await createTestDatabase(sharedStack.provider);
    receiver = await startHttpCallbackReceiver({ outboundSecret: HTTP_OUTBOUND_SECRET });
  });
  afterEach(async () => {
    for (const running of hubs.splice(0)) await running.close();
    await receiver?.close();
    await testDb?.drop();
  });

  it("serves the worker's answer and delivery counters, which the web process does not have", async () => {
    const environment = stackEnvironment(sharedStack, testDb.url, { httpCallbackUrl: receiver.url });
    const web = await startHub(stackConfig({ ...environment, ROLE: 'web' }));
    hubs.push(web);
    const worker = await startHub(stackConfig({ ...environment, ROLE: 'worker', METRICS_PORT: '0' }));
    hubs.push(worker);
    expect(worker.port).toBeUndefined();
    expect(worker.metricsPort).toBeGreaterThan(0);

    const body = JSON.stringify({ conversation_id: 'web-2', user: { id: 'visitor-2' }, message: { id: 'm-3', text: '请问怎么开发票？' } });
    const sent = await fetch(`http://127.0.0.1:${web.port}/webhooks/http`, { method: 'POST', headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, HTTP_INBOUND_SECRET, new Date()) }, body });
    expect(sent.status).toBe(200);
    const scrape = async (port: number) => {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      return await response.text();
    };
    const workerText = await eventually(async () => {
      const current = await scrape(worker.metricsPort!);
      return current.includes('kefu_deliveries_total{outcome="sent"} 1') && current;
    }, WAIT_MS, "the worker's delivery counted");
    expect(workerText).toContain('kefu_answers_total{tier="bot",reason="faq_answer"} 1\n');
    expect(workerText).toMatch(/^kefu_queue_depth\{job="answer"\} 0$/m);
    expect(workerText).toMatch(/^kefu_event_loop_delay_seconds\{quantile="0\.99"\} \S+$/m);
    const webText = await scrape(web.port!);
    expect(webText).toContain('kefu_webhooks_total{inbox="http",outcome="accepted"} 1\n');
    expect(webText).not.toContain('kefu_answers_total{');
  });
});
