/**
 * The web ceiling, run as its own process like the hub: express 5, the raw body, the HTTP channel's HMAC
 * check and a JSON parse, then 200 — everything the hub's webhook does except storing and queueing.
 * Serves its event-loop delay on /metrics the way the hub does, for the same comparison.
 */
import express from 'express';
import { verifyHttpChannelSignature } from '../../adapters/http/signature.ts';
import { createEventLoopDelayCollector } from '../../core/metrics/event-loop-delay.ts';
import { createMetricsRouter } from '../../core/metrics/metrics-router.ts';
import { MetricsRegistry } from '../../core/metrics/registry.ts';

const secret = process.env.BENCH_INBOUND_SECRET ?? '';
const eventLoop = createEventLoopDelayCollector();
const app = express();
app.use(createMetricsRouter(new MetricsRegistry(), [eventLoop.collect]));
app.post('/webhooks/http', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
  const body = req.body as Buffer;
  try {
    verifyHttpChannelSignature(req.header('x-kefu-timestamp'), req.header('x-kefu-signature'), body, secret, new Date());
    JSON.parse(body.toString('utf8'));
  } catch {
    res.status(401).json({ error: 'unauthorized' });
    return;
  }
  res.status(200).json({ ok: true });
});
const server = app.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'ready', port: (server.address() as { port: number }).port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
