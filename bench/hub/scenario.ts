/**
 * One hub deployment under load: start it, load it at maximum (as many requests as 50 connections get
 * acknowledged), wait until every acknowledged message is answered, then again at half that rate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { quantile } from '../../bot/numeric/quantile.ts';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../prisma/tools/postgres-admin.ts';
import type { AnswerCounter } from '../lib/answer-counter.ts';
import type { Cleanup } from '../lib/cleanup.ts';
import { readProcStats } from '../lib/proc-stats.ts';
import { scrapeEventLoopDelay, type EventLoopDelay } from '../lib/scrape.ts';
import { runPacedLoad } from '../lib/paced-load.ts';
import { runSignedLoad } from '../lib/signed-load.ts';
import { errorLines, startHub, waitForMeaning, type HubChild } from './hub-processes.ts';

export interface ScenarioSpec {
  name: string;
  stack: 'embedded' | 'postgres-redis';
  /** Worker processes beside one web process (postgres-redis); the embedded hub is one process. */
  workers: number;
  encoder: 'none' | 'use-lite';
  /** The embedded hub answers in its worker thread (WORKER_THREAD=on, the default) or on its main thread. @defaultValue true */
  workerThread?: boolean;
}

export interface PhaseResult {
  offeredRate: number | 'max';
  ackPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  accepted: number;
  refused: number;
  answeredPerSecond: number;
  timeToAnswerP50Ms: number;
  timeToAnswerP99Ms: number;
  drainMs: number;
  /** Messages acknowledged but still waiting for an answer at the end of the drain. */
  pendingAtEnd: number;
  lost: number;
  duplicated: number;
  cpuMsPerAnswered: number;
  /** Web (or all-in-one) process; undefined when it serves no /metrics. */
  eventLoop?: EventLoopDelay;
}

export interface ScenarioResult {
  spec: ScenarioSpec;
  startupMs: number;
  meaningReady?: boolean;
  max: PhaseResult;
  /** At half the ack rate of `max`. */
  half: PhaseResult;
  /**
   * At half the answered/s of `max`: a load the hub can keep up with however much faster it acknowledges
   * than it answers, so time to answer is that of a hub not falling behind.
   */
  steady: PhaseResult;
  processes: Array<{ role: string; peakRssBytes: number; cpuMs: number }>;
  errors: string[];
}

export interface ScenarioContext {
  secrets: { inbound: string; outbound: string };
  counter: AnswerCounter;
  textOf: (n: number) => string;
  connections: number;
  durationSeconds: number;
  drainTimeoutMs: number;
  postgresAdminUrl: string;
  redisUrl: string;
  cleanup: Cleanup;
}

export async function runScenario(spec: ScenarioSpec, context: ScenarioContext): Promise<ScenarioResult> {
  const databaseUrl = await freshDatabase(spec, context);
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    MATCHER_ENCODER: spec.encoder,
    WORKER_THREAD: spec.workerThread === false ? 'off' : 'on',
    HTTP_CHANNEL_INBOUND_SECRET: context.secrets.inbound,
    HTTP_CHANNEL_OUTBOUND_SECRET: context.secrets.outbound,
    HTTP_CHANNEL_CALLBACK_URL: context.counter.url,
  };
  if (spec.stack === 'postgres-redis') {
    const prefix = `kefu-bench-${randomBytes(4).toString('hex')}`;
    Object.assign(env, { REDIS_URL: context.redisUrl, QUEUE_PREFIX: prefix });
    context.cleanup.add(`${spec.name}: Redis keys`, () => deleteRedisKeys(context.redisUrl, prefix));
  }
  const started = performance.now();
  const children: HubChild[] = [];
  try {
    if (spec.stack === 'embedded') {
      children.push(await startHub('all', env, context.cleanup, `${spec.name}: hub`));
    } else {
      // The web process migrates and seeds; workers start on the prepared database.
      children.push(await startHub('web', env, context.cleanup, `${spec.name}: web`));
      children.push(...(await Promise.all(Array.from({ length: spec.workers }, (_, i) => startHub('worker', env, context.cleanup, `${spec.name}: worker ${i + 1}`)))));
    }
    const startupMs = performance.now() - started;
    const meaningReady = spec.encoder === 'use-lite'
      ? (await Promise.all(children.filter((child) => child.role !== 'web').map((child) => waitForMeaning(child, 120_000)))).every(Boolean)
      : undefined;
    const web = children.find((child) => child.port !== undefined)!;
    const url = `http://127.0.0.1:${web.port}`;

    // Warm-up: compiled code and open connections, as in a hub that has been running a while.
    await phase(spec, context, children, url, 'warm', Math.min(10, context.connections), 1, undefined);
    const max = await phase(spec, context, children, url, 'max', context.connections, context.durationSeconds, undefined);
    const half = await phase(spec, context, children, url, 'half', context.connections, context.durationSeconds, max.ackPerSecond / 2);
    const steady = await phase(spec, context, children, url, 'steady', context.connections, context.durationSeconds, max.answeredPerSecond / 2);
    const processes = children.map((child) => {
      const stats = readProcStats(child.pid);
      return { role: child.role, peakRssBytes: stats?.peakRssBytes ?? 0, cpuMs: stats?.cpuMs ?? 0 };
    });
    return { spec, startupMs, ...(meaningReady !== undefined ? { meaningReady } : {}), max, half, steady, processes, errors: errorLines(children).slice(0, 20) };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

async function phase(spec: ScenarioSpec, context: ScenarioContext, children: HubChild[], url: string, label: string, connections: number, durationSeconds: number, rate: number | undefined): Promise<PhaseResult> {
  const cpuBefore = totalCpuMs(children);
  await scrapeEventLoopDelay(url); // starts a fresh event-loop window
  const loadStarted = performance.now();
  const loadOptions = {
    url: `${url}/webhooks/http`,
    secret: context.secrets.inbound,
    connections,
    durationSeconds,
    textOf: context.textOf,
    runId: `${spec.name.replace(/\W+/g, '_')}-${label}-${randomBytes(3).toString('hex')}`,
  };
  // At a set rate, requests are spread evenly over each second (bench/lib/paced-load.ts says why).
  const load = rate ? await runPacedLoad({ ...loadOptions, rate }) : await runSignedLoad(loadOptions);
  const loadEnded = performance.now();
  const ids = [...load.accepted.keys()];
  const drained = await context.counter.waitForAll(ids, context.drainTimeoutMs);
  const eventLoop = await scrapeEventLoopDelay(url);
  const cpuMs = totalCpuMs(children) - cpuBefore;
  // Late duplicates (a retried delivery) would arrive after the first answer: give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));

  const answered = ids.filter((id) => context.counter.answers.has(id));
  const timesToAnswer = answered.map((id) => context.counter.answers.get(id)![0]! - load.accepted.get(id)!);
  const duplicated = answered.reduce((sum, id) => sum + context.counter.answers.get(id)!.length - 1, 0);
  const lastAt = drained.drained ? drained.lastAt : performance.now();
  return {
    offeredRate: rate ? Math.round(rate) : 'max',
    ackPerSecond: load.ackPerSecond,
    ackP50Ms: load.latencyP50Ms,
    ackP99Ms: load.latencyP99Ms,
    accepted: ids.length,
    refused: load.non2xx + load.errors,
    answeredPerSecond: answered.length / Math.max(0.001, (lastAt - loadStarted) / 1000),
    timeToAnswerP50Ms: quantile(timesToAnswer, 0.5),
    timeToAnswerP99Ms: quantile(timesToAnswer, 0.99),
    drainMs: Math.max(0, lastAt - loadEnded),
    pendingAtEnd: ids.length - answered.length,
    lost: drained.drained ? 0 : ids.length - answered.length,
    duplicated,
    cpuMsPerAnswered: cpuMs / Math.max(1, answered.length),
    ...(eventLoop ? { eventLoop } : {}),
  };
}

function totalCpuMs(children: readonly HubChild[]): number {
  return children.reduce((sum, child) => sum + (readProcStats(child.pid)?.cpuMs ?? 0), 0);
}

async function freshDatabase(spec: ScenarioSpec, context: ScenarioContext): Promise<string> {
  if (spec.stack === 'embedded') {
    const folder = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
    context.cleanup.add(`${spec.name}: SQLite folder`, () => rmSync(folder, { recursive: true, force: true }));
    return `file:${join(folder, 'kefu.db')}`;
  }
  const name = randomDatabaseName('kefu_bench');
  const url = await createDatabase(context.postgresAdminUrl, name);
  context.cleanup.add(`${spec.name}: PostgreSQL database`, () => dropDatabase(context.postgresAdminUrl, name));
  return url;
}

/** The scenario's queue keys, so repeated runs leave Redis as they found it. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
