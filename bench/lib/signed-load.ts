/**
 * Load for the HTTP channel: autocannon with a fresh body per request (unique conversation and message
 * ids, so nothing is deduplicated or treated as a repeat) signed per request with the inbox's secret.
 */
import autocannon from 'autocannon';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';

export interface LoadOptions {
  url: string;
  secret: string;
  connections: number;
  durationSeconds: number;
  /** Stop after this many requests instead of after `durationSeconds`. */
  amount?: number;
  /** Requests per second from all connections; unlimited when absent. */
  rate?: number;
  /** The text of the n-th message. */
  textOf: (n: number) => string;
  /** Unique per phase, so message ids never repeat across phases. */
  runId: string;
  /** Called on every acknowledged request, as it happens (the kill run kills a worker halfway). */
  onAccepted?: (id: string) => void;
}

export interface LoadResult {
  /** Mean acknowledged (2xx) requests per second over the phase. */
  ackPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
  durationSeconds: number;
  /** Message id → time (performance.now) its request was built, for every 2xx. */
  accepted: Map<string, number>;
}

export async function runSignedLoad(options: LoadOptions): Promise<LoadResult> {
  let next = 0;
  const sentAt = new Map<string, number>();
  const accepted = new Map<string, number>();
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds }),
    timeout: 30,
    ...(options.rate ? { overallRate: Math.max(1, Math.round(options.rate)) } : {}),
    requests: [{
      method: 'POST',
      setupRequest: (request, context) => {
        const n = next++;
        const id = `${options.runId}-${n}`;
        const body = JSON.stringify({ conversation_id: `c-${id}`, user: { id: `u-${id}` }, message: { id, text: options.textOf(n) } });
        context.id = id;
        sentAt.set(id, performance.now());
        return { ...request, body, headers: { 'content-type': 'application/json', ...signHttpChannelRequest(body, options.secret, new Date()) } };
      },
      onResponse: (status, _body, context) => {
        const id = context.id as string;
        if (status < 200 || status >= 300) return;
        accepted.set(id, sentAt.get(id) ?? performance.now());
        options.onAccepted?.(id);
      },
    }],
  });
  return {
    ackPerSecond: result['2xx'] / result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    durationSeconds: result.duration,
    accepted,
  };
}
