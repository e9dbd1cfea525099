import { startNode } from '../lib/child-process.ts';
import type { Cleanup } from '../lib/cleanup.ts';
import { readProcStats } from '../lib/proc-stats.ts';
import { scrapeEventLoopDelay, type EventLoopDelay } from '../lib/scrape.ts';
import { runSignedLoad } from '../lib/signed-load.ts';

export interface WebCeiling {
  reqPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  eventLoop?: EventLoopDelay;
  peakRssBytes: number;
}

/** Bare express + HMAC under the same load generator, connections and texts as the hub. */
export async function measureExpressHmac(options: { secret: string; connections: number; durationSeconds: number; textOf: (n: number) => string; cleanup: Cleanup }): Promise<WebCeiling> {
  const server = await startNode({
    entry: 'bench/ceilings/express-hmac-server.ts',
    env: { BENCH_INBOUND_SECRET: options.secret },
    ready: (line) => line.msg === 'ready',
    cleanup: options.cleanup,
    label: 'express+HMAC ceiling',
  });
  const base = `http://127.0.0.1:${server.readyLine.port as number}`;
  try {
    // A short warm-up so the JIT has compiled the route, as it has in a hub that has been running.
    await runSignedLoad({ url: `${base}/webhooks/http`, secret: options.secret, connections: options.connections, durationSeconds: 1, textOf: options.textOf, runId: 'warm' });
    await scrapeEventLoopDelay(base);
    const before = readProcStats(server.pid)!;
    const load = await runSignedLoad({ url: `${base}/webhooks/http`, secret: options.secret, connections: options.connections, durationSeconds: options.durationSeconds, textOf: options.textOf, runId: 'ceiling' });
    const after = readProcStats(server.pid)!;
    const eventLoop = await scrapeEventLoopDelay(base);
    return {
      reqPerSecond: load.ackPerSecond,
      p50Ms: load.latencyP50Ms,
      p99Ms: load.latencyP99Ms,
      cpuMsPerRequest: (after.cpuMs - before.cpuMs) / Math.max(1, load.accepted.size),
      ...(eventLoop ? { eventLoop } : {}),
      peakRssBytes: after.peakRssBytes,
    };
  } finally {
    await server.stop();
  }
}
