import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IntervalHistogram } from 'node:perf_hooks';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventLoopDelayCollector } from '../../../core/metrics/event-loop-delay.ts';
import { createHubMetrics, queueDepthCollector } from '../../../core/metrics/hub-metrics.ts';
import { createMetricsRouter } from '../../../core/metrics/metrics-router.ts';

/** A histogram with fixed readings (nanoseconds), so the rendered seconds are exact. */
function fixedHistogram(): IntervalHistogram & { resets: number } {
  const readings = { 50: 2_000_000, 99: 30_000_000 } as Record<number, number>;
  const histogram = {
    resets: 0, count: 100, max: 120_000_000, min: 1_000_000, mean: 3_000_000, stddev: 0, exceeds: 0,
    percentiles: new Map<number, number>(), enable: () => true, disable: () => true,
    percentile: (p: number) => readings[p] ?? 0,
    reset() { histogram.resets += 1; },
  };
  return histogram as unknown as IntervalHistogram & { resets: number };
}

describe('GET /metrics', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function serve(app: express.Express): Promise<string> {
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('serves the hub counters, the queue depth read at scrape time and the event-loop delay', async () => {
    const metrics = createHubMetrics();
    metrics.webhooks.inc({ inbox: 'web"shop', outcome: 'accepted' });
    metrics.answers.inc({ tier: 'bot', reason: 'faq_answer' });
    metrics.deliveries.inc({ outcome: 'failed' });
    let depthReads = 0;
    const histogram = fixedHistogram();
    const eventLoop = createEventLoopDelayCollector({ histogram });
    const app = express();
    app.use(createMetricsRouter(metrics.registry, [queueDepthCollector(async () => ({ answer: ++depthReads * 10, deliver: 1 })), eventLoop.collect]));
    const base = await serve(app);

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    expect(body).toContain('# TYPE kefu_webhooks_total counter\nkefu_webhooks_total{inbox="web\\"shop",outcome="accepted"} 1\n');
    expect(body).toContain('kefu_answers_total{tier="bot",reason="faq_answer"} 1\n');
    expect(body).toContain('kefu_deliveries_total{outcome="failed"} 1\n');
    expect(body).toContain('# TYPE kefu_queue_depth gauge\nkefu_queue_depth{job="answer"} 10\nkefu_queue_depth{job="deliver"} 1\n');
    expect(body).toContain('# TYPE kefu_event_loop_delay_seconds summary\n');
    expect(body).toContain('kefu_event_loop_delay_seconds{quantile="0.5"} 0.002\n');
    expect(body).toContain('kefu_event_loop_delay_seconds{quantile="0.99"} 0.03\n');
    expect(body).toContain('kefu_event_loop_delay_seconds{quantile="1"} 0.12\n');
    expect(body).toContain('kefu_event_loop_delay_seconds_count 100\n');
    expect(histogram.resets).toBe(1);

    // Read again at the next scrape, not cached.
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('kefu_queue_depth{job="answer"} 20\n');
  });

  it('reports one family per name: a second source of the same counters (a worker thread) adds to them', async () => {
    const main = createHubMetrics();
    const thread = createHubMetrics();
    main.webhooks.inc({ inbox: 'shop', outcome: 'accepted' }, 3);
    thread.answers.inc({ tier: 'bot', reason: 'faq_answer' }, 2);
    thread.deliveries.inc({ outcome: 'sent' }, 2);
    main.deliveries.inc({ outcome: 'sent' });
    const app = express();
    app.use(createMetricsRouter(main.registry, [() => thread.registry.families()]));
    const body = await (await fetch(`${await serve(app)}/metrics`)).text();

    for (const name of ['kefu_webhooks_total', 'kefu_answers_total', 'kefu_deliveries_total']) expect(body.split(`# TYPE ${name} `)).toHaveLength(2);
    expect(body).toContain('kefu_webhooks_total{inbox="shop",outcome="accepted"} 3\n');
    expect(body).toContain('kefu_answers_total{tier="bot",reason="faq_answer"} 2\n');
    expect(body).toContain('kefu_deliveries_total{outcome="sent"} 3\n');
  });

  it('answers the other families when a collector fails, and reports the failure', async () => {
    const metrics = createHubMetrics();
    const failures: unknown[] = [];
    const app = express();
    app.use(createMetricsRouter(metrics.registry, [queueDepthCollector(async () => { throw new Error('database down'); })], (error) => failures.push(error)));
    const base = await serve(app);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('# TYPE kefu_webhooks_total counter\n');
    expect(body).not.toContain('kefu_queue_depth');
    expect(failures).toHaveLength(1);
  });

  it('measures the real event loop: a blocked loop shows in the max', async () => {
    const eventLoop = createEventLoopDelayCollector({ resolutionMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const until = performance.now() + 60;
    while (performance.now() < until) { /* block the loop */ }
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [family] = await eventLoop.collect();
    eventLoop.stop();
    const max = family!.samples.find((sample) => sample.labels.quantile === '1')!.value;
    expect(max).toBeGreaterThanOrEqual(0.05);
  });
});
