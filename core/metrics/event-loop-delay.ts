import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Collector, Sample } from './registry.ts';

export const EVENT_LOOP_DELAY_METRIC = 'kefu_event_loop_delay_seconds';

export interface EventLoopDelayCollector {
  collect: Collector;
  stop(): void;
}

/**
 * The process's event-loop delay as a summary (p50, p99, and max as quantile 1), measured by Node's
 * monitorEventLoopDelay. Each scrape reports the window since the previous scrape and starts a new one,
 * so a stall shows up once, at the scrape after it, instead of being averaged away over the process's life.
 */
export function createEventLoopDelayCollector(options: { resolutionMs?: number; histogram?: IntervalHistogram } = {}): EventLoopDelayCollector {
  const histogram = options.histogram ?? monitorEventLoopDelay({ resolution: options.resolutionMs ?? 10 });
  histogram.enable();
  const seconds = (nanoseconds: number) => (Number.isFinite(nanoseconds) ? nanoseconds / 1e9 : 0);
  return {
    collect: () => {
      const count = histogram.count;
      const samples: Sample[] = [
        { labels: { quantile: '0.5' }, value: count > 0 ? seconds(histogram.percentile(50)) : 0 },
        { labels: { quantile: '0.99' }, value: count > 0 ? seconds(histogram.percentile(99)) : 0 },
        { labels: { quantile: '1' }, value: count > 0 ? seconds(histogram.max) : 0 },
        { labels: {}, value: count > 0 ? seconds(histogram.mean) * count : 0, suffix: '_sum' },
        { labels: {}, value: count, suffix: '_count' },
      ];
      histogram.reset();
      return [{ name: EVENT_LOOP_DELAY_METRIC, help: 'Event-loop delay since the previous scrape (quantile 1 = max).', type: 'summary', samples }];
    },
    stop: () => histogram.disable(),
  };
}
