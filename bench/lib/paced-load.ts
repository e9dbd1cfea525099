/**
 * Load at a steady rate, for "half of max load". autocannon's rate limit is a per-connection quota per
 * second: each connection sends as fast as it can until its quota is used, then waits for the next second,
 * so "half the rate" arrives as a burst at full speed at the top of every second, and its latencies are
 * those of saturation. Here request n is due at start + n / rate, whatever came back before it (an open
 * loop), and its latency counts from when it was due, so a hub that falls behind is not flattered by a
 * client that waited for it.
 */
import { Agent, request } from 'node:http';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';
import type { LoadOptions, LoadResult } from './signed-load.ts';

/** How often the sender wakes to send what has come due (ms): small against a 25 ms latency goal. */
const TICK_MS = 2;

export async function runPacedLoad(options: LoadOptions & { rate: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const url = new URL(options.url);
  const accepted = new Map<string, number>();
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const intervalMs = 1000 / options.rate;
  const total = options.amount ?? Math.round(options.rate * options.durationSeconds);
  const started = performance.now();
  const sent: Promise<void>[] = [];

  const send = (n: number, dueAt: number): Promise<void> =>
    new Promise((resolve) => {
      const id = `${options.runId}-${n}`;
      const body = JSON.stringify({ conversation_id: `c-${id}`, user: { id: `u-${id}` }, message: { id, text: options.textOf(n) } });
      const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...signHttpChannelRequest(body, options.secret, new Date()) };
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            latencies.push(performance.now() - dueAt);
            accepted.set(id, dueAt);
            options.onAccepted?.(id);
          } else non2xx++;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });

  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && started + next * intervalMs <= now) {
      sent.push(send(next, started + next * intervalMs));
      next++;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(sent);
  const durationSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  return { ackPerSecond: accepted.size / durationSeconds, latencyP50Ms: at(0.5), latencyP99Ms: at(0.99), non2xx, errors, durationSeconds, accepted };
}
