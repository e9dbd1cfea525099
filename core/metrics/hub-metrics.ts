import type { JobName } from '../queue/job-queue.ts';
import type { Collector } from './registry.ts';
import { MetricsRegistry, type Counter } from './registry.ts';

/** The hub's metrics, named once here so dashboards and alerts can rely on them. */
export interface HubMetrics {
  registry: MetricsRegistry;
  /** `outcome`: accepted | duplicate | unauthorized | bad_request | error | unknown_inbox. */
  webhooks: Counter;
  /** `tier` (bot, bot_draft, human, or skipped) and `reason` (core/routing's reason, or why it was skipped). */
  answers: Counter;
  /** `outcome`: sent | retry | failed. */
  deliveries: Counter;
}

export function createHubMetrics(): HubMetrics {
  const registry = new MetricsRegistry();
  return {
    registry,
    webhooks: registry.counter('kefu_webhooks_total', 'Inbound webhook messages by inbox and outcome.', ['inbox', 'outcome']),
    answers: registry.counter('kefu_answers_total', 'Routing decisions on customer messages, by tier and reason.', ['tier', 'reason']),
    deliveries: registry.counter('kefu_deliveries_total', 'Outgoing message delivery attempts by outcome.', ['outcome']),
  };
}

/** How many jobs of each kind wait to run, read at scrape time (from the database, the queue, or both). */
export type ReadQueueDepth = () => Promise<Partial<Record<JobName, number>>>;

/** `kefu_queue_depth{job}`: one gauge sample per job kind, read when Prometheus scrapes. */
export function queueDepthCollector(read: ReadQueueDepth): Collector {
  return async () => {
    const depth = await read();
    const samples = Object.entries(depth).map(([job, value]) => ({ labels: { job }, value: value ?? 0 }));
    return [{ name: 'kefu_queue_depth', help: 'Jobs waiting or running, by job kind.', type: 'gauge', samples }];
  };
}
