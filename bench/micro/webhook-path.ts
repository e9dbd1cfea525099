/**
 * `npx tsx bench/micro/webhook-path.ts [N]`: one signed HTTP-channel webhook end to end, in one process.
 * Posts N webhooks (10 at once, fresh conversation each) first to a bare express + HMAC route, then to the
 * hub (SQLite, in-process queue, `MATCHER_ENCODER=none`, log level info as in production) with its answer
 * jobs held, so only the webhook path runs. Prints req/s and CPU ms per request for both; the client's own
 * cost is in both figures, so `hubCpuMs - ceilingCpuMs` is what the hub adds. Run it under
 * `node --cpu-prof --import tsx` to see where that goes.
 *
 * `--answer`: the answer jobs run too, and replies go to a loopback callback receiver; after the load it
 * waits until every message's reply arrived and prints CPU ms per answered message (webhook + answer +
 * delivery, the client included) and the time the drain took.
 */
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { channelSettingsSchemas } from '../../adapters/registry.ts';
import { signHttpChannelRequest } from '../../adapters/http/index.ts';
import { verifyHttpChannelSignature } from '../../adapters/http/signature.ts';
import { startHub } from '../../app/hub.ts';
import { loadConfig } from '../../core/config/config.ts';
import { createLogger } from '../../core/logger.ts';

const N = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 2000);
const ANSWER = process.argv.includes('--answer');
const CONNECTIONS = 10;
const SECRET = 'inbound-secret-0123456789';
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });

function post(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...signHttpChannelRequest(body, SECRET, new Date()) };
    const req = request({ host: '127.0.0.1', port, path: '/webhooks/http', method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function load(port: number, run: string, count: number): Promise<{ perSecond: number; cpuMs: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (next < count) {
      const id = `${run}-${next++}`;
      const body = JSON.stringify({ conversation_id: `c-${id}`, user: { id: `u-${id}` }, message: { id, text: 'where is my parcel? 我的包裹到哪了' } });
      if ((await post(port, body)) !== 200) failed++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: Math.round(count / seconds), cpuMs: +((used.user + used.system) / 1000 / count).toFixed(2), failed };
}

async function ceiling(): Promise<Server> {
  const app = express();
  app.post('/webhooks/http', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    const body = req.body as Buffer;
    verifyHttpChannelSignature(req.header('x-kefu-timestamp'), req.header('x-kefu-signature'), body, SECRET, new Date());
    JSON.parse(body.toString('utf8'));
    res.status(200).json({ ok: true });
  });
  return await new Promise((resolve) => { const server = app.listen(0, '127.0.0.1', () => resolve(server)); });
}

/** Accepts every reply callback (2xx, as the HTTP channel's receiver contract says) and counts them. */
async function callbackReceiver(): Promise<{ server: Server; received: () => number }> {
  let received = 0;
  const app = express();
  app.post('/callback', express.raw({ type: () => true }), (_req, res) => {
    received++;
    res.status(200).json({ ok: true });
  });
  const server = await new Promise<Server>((resolve) => { const started = app.listen(0, '127.0.0.1', () => resolve(started)); });
  return { server, received: () => received };
}

const folder = mkdtempSync(join(tmpdir(), 'kefu-micro-'));
let release: () => void = () => {};
const held = new Promise<void>((resolve) => { release = resolve; });
try {
  const bare = await ceiling();
  const barePort = (bare.address() as { port: number }).port;
  await load(barePort, 'warm-bare', 300);
  const bareResult = await load(barePort, 'bare', N);
  await new Promise((resolve) => bare.close(resolve));

  const receiver = await callbackReceiver();
  const callbackUrl = `http://127.0.0.1:${(receiver.server.address() as { port: number }).port}/callback`;
  const config = loadConfig({
    DATABASE_URL: `file:${join(folder, 'kefu.db')}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', MATCHER_ENCODER: 'none',
    HTTP_CHANNEL_INBOUND_SECRET: SECRET, HTTP_CHANNEL_OUTBOUND_SECRET: 'outbound-secret-0123456789', HTTP_CHANNEL_CALLBACK_URL: callbackUrl,
  }, channelSettingsSchemas(), () => undefined);
  // Production logs to stdout; here to /dev/null so the terminal's speed does not count.
  const logger = createLogger(config.logLevel, pino.destination({ fd: openSync('/dev/null', 'w'), sync: true }));
  if (ANSWER) release();
  const hub = await startHub(config, { logger, beforeBotProposes: () => held, recoveryEveryMs: 3_600_000 });
  try {
    await load(hub.port!, 'warm-hub', 300);
    if (ANSWER) while (receiver.received() < 300) await new Promise((resolve) => setTimeout(resolve, 50));
    const cpu = process.cpuUsage();
    const hubResult = await load(hub.port!, 'hub', N);
    const drainStarted = performance.now();
    if (ANSWER) while (receiver.received() < 300 + N) await new Promise((resolve) => setTimeout(resolve, 50));
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const used = process.cpuUsage(cpu);
    const answered = ANSWER ? { answeredCpuMs: +((used.user + used.system) / 1000 / N).toFixed(2), drainSeconds: +drainSeconds.toFixed(1) } : {};
    console.log(JSON.stringify({
      requests: N, connections: CONNECTIONS,
      ceiling: bareResult, hub: hubResult,
      ratio: +(hubResult.perSecond / bareResult.perSecond).toFixed(3),
      hubAddsCpuMs: +(hubResult.cpuMs - bareResult.cpuMs).toFixed(2),
      ...answered,
    }));
  } finally {
    release();
    await hub.close();
    await new Promise((resolve) => receiver.server.close(resolve));
  }
} finally {
  agent.destroy();
  rmSync(folder, { recursive: true, force: true });
}
