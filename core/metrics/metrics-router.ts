import express, { type Router } from 'express';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheusText } from './prometheus-text.ts';
import { mergeFamilies, type Collector, type MetricFamily, type MetricsRegistry } from './registry.ts';

/**
 * `GET /metrics` in Prometheus' text format: the registry's counters plus whatever the collectors read at
 * scrape time. A failing collector drops its own families and answers the rest, so a database hiccup
 * does not blind the operator to the event-loop delay that may explain it.
 */
export function createMetricsRouter(registry: MetricsRegistry, collectors: readonly Collector[] = [], onCollectorError?: (error: unknown) => void): Router {
  const router = express.Router();
  router.get('/metrics', async (_req, res) => {
    const collected = await Promise.all(
      collectors.map(async (collect): Promise<MetricFamily[]> => {
        try {
          return await collect();
        } catch (error) {
          onCollectorError?.(error);
          return [];
        }
      }),
    );
    res.status(200).type(PROMETHEUS_CONTENT_TYPE).send(renderPrometheusText(mergeFamilies([...registry.families(), ...collected.flat()])));
  });
  return router;
}
