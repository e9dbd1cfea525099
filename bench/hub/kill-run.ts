/**
 * The durability run (`npm run bench -- --kill-run`): PostgreSQL + Redis, two web and two worker processes,
 * a fixed number of messages split across both web ports, and one worker SIGKILLed once half of them are
 * acknowledged. Every acknowledged message must be answered exactly once: counted by message id at the
 * callback receiver, after a drain with a generous bound and a wait long enough for a killed worker's
 * stalled jobs to be picked up again (so a late second answer would be seen).
 */
import { randomBytes } from 'node:crypto';
import { quantile } from '../../bot/numeric/quantile.ts';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../prisma/tools/postgres-admin.ts';
import type { AnswerCounter } from '../lib/answer-counter.ts';
import type { Cleanup } from '../lib/cleanup.ts';
import { readProcStats } from '../lib/proc-stats.ts';
import { runSignedLoad, type LoadResult } from '../lib/signed-load.ts';
import { errorLines, startHub, type HubChild } from './hub-processes.ts';
import { deleteRedisKeys } from './scenario.ts';

export interface KillRunOptions {
  messages: number;
  /** Connections per web process. */
  connectionsPerWeb: number;
  drainTimeoutMs: number;
  /**
   * Waited after the last first answer before counting duplicates: BullMQ's default stalled-job check
   * (30 s) twice, so a job the killed worker held has been run again if it was going to be.
   */
  lateDuplicateWaitMs: number;
  secrets: { inbound: string; outbound: string };
  counter: AnswerCounter;
  textOf: (n: number) => string;
  postgresAdminUrl: string;
  redisUrl: string;
  cleanup: Cleanup;
  log: (what: string) => void;
}

export interface KillRunResult {
  messages: number;
  webProcesses: number;
  workerProcesses: number;
  encoder: 'none';
  /** Acknowledged messages when the worker was killed, and seconds since the load began. */
  killedAt: { accepted: number; seconds: number };
  accepted: number;
  refused: number;
  ackPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  answered: number;
  lost: number;
  duplicated: number;
  /** Of `duplicated`, the same reply sent again under its message id: a receiver deduplicating by it sees one. */
  resentSameId: number;
  drained: boolean;
  /** From the first request to the last first answer. */
  totalSeconds: number;
  answeredPerSecond: number;
  timeToAnswerP50Ms: number;
  timeToAnswerP99Ms: number;
  processes: Array<{ role: string; killed: boolean; peakRssBytes: number; cpuMs: number }>;
  errors: string[];
}

export async function runKillRun(options: KillRunOptions): Promise<KillRunResult> {
  const prefix = `kefu-kill-${randomBytes(4).toString('hex')}`;
  const databaseName = randomDatabaseName('kefu_kill');
  const databaseUrl = await createDatabase(options.postgresAdminUrl, databaseName);
  options.cleanup.add('kill run: PostgreSQL database', () => dropDatabase(options.postgresAdminUrl, databaseName));
  options.cleanup.add('kill run: Redis keys', () => deleteRedisKeys(options.redisUrl, prefix));
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    MATCHER_ENCODER: 'none',
    HTTP_CHANNEL_INBOUND_SECRET: options.secrets.inbound,
    HTTP_CHANNEL_OUTBOUND_SECRET: options.secrets.outbound,
    HTTP_CHANNEL_CALLBACK_URL: options.counter.url,
  };
  const children: HubChild[] = [];
  try {
    // The first web process migrates and seeds; the others start on the prepared database.
    children.push(await startHub('web', env, options.cleanup, 'kill run: web 1'));
    children.push(...(await Promise.all([
      startHub('web', env, options.cleanup, 'kill run: web 2'),
      startHub('worker', env, options.cleanup, 'kill run: worker 1'),
      startHub('worker', env, options.cleanup, 'kill run: worker 2'),
    ])));
    const webs = children.filter((child) => child.role === 'web');
    const victim = children.find((child) => child.role === 'worker')!;
    options.log(`kill run: ${options.messages} messages across ${webs.length} web processes`);

    let acceptedSoFar = 0;
    let killedAt: KillRunResult['killedAt'] | undefined;
    let victimStats: ReturnType<typeof readProcStats>;
    const resendsBefore = options.counter.resends;
    const loadStarted = performance.now();
    const killHalfway = () => {
      acceptedSoFar += 1;
      if (killedAt || acceptedSoFar < options.messages / 2) return;
      killedAt = { accepted: acceptedSoFar, seconds: (performance.now() - loadStarted) / 1000 };
      victimStats = readProcStats(victim.pid); // its last CPU and peak memory: /proc forgets it once killed
      // The whole process group, at once, with no chance to finish or hand back its jobs.
      try { process.kill(-victim.pid, 'SIGKILL'); } catch { /* already gone */ }
      options.log(`kill run: worker ${victim.pid} SIGKILLed after ${acceptedSoFar} acknowledged`);
    };
    const runId = `kill-${randomBytes(3).toString('hex')}`;
    const perWeb = Math.ceil(options.messages / webs.length);
    const loads: LoadResult[] = await Promise.all(webs.map((web, i) => runSignedLoad({
      url: `http://127.0.0.1:${web.port}/webhooks/http`,
      secret: options.secrets.inbound,
      connections: options.connectionsPerWeb,
      durationSeconds: 0,
      amount: Math.min(perWeb, options.messages - i * perWeb),
      textOf: options.textOf,
      runId: `${runId}-w${i + 1}`,
      onAccepted: killHalfway,
    })));
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    options.log(`kill run: load done in ${loadSeconds.toFixed(0)} s; waiting for every answer`);

    const acceptedAt = new Map<string, number>();
    for (const load of loads) for (const [id, at] of load.accepted) acceptedAt.set(id, at);
    const ids = [...acceptedAt.keys()];
    const drain = await options.counter.waitForAll(ids, options.drainTimeoutMs);
    options.log(`kill run: ${drain.drained ? 'drained' : 'drain bound reached'}; watching for late duplicates`);
    await new Promise((resolve) => setTimeout(resolve, options.lateDuplicateWaitMs));

    const answered = ids.filter((id) => options.counter.answers.has(id));
    const timesToAnswer = answered.map((id) => options.counter.answers.get(id)![0]! - acceptedAt.get(id)!);
    const duplicated = answered.reduce((sum, id) => sum + options.counter.answers.get(id)!.length - 1, 0);
    const totalSeconds = ((drain.drained ? drain.lastAt : performance.now()) - loadStarted) / 1000;
    const weighted = (pick: (load: LoadResult) => number) =>
      loads.reduce((sum, load) => sum + pick(load) * load.accepted.size, 0) / Math.max(1, ids.length);
    return {
      messages: options.messages,
      webProcesses: webs.length,
      workerProcesses: children.length - webs.length,
      encoder: 'none',
      killedAt: killedAt ?? { accepted: acceptedSoFar, seconds: loadSeconds },
      accepted: ids.length,
      refused: loads.reduce((sum, load) => sum + load.non2xx + load.errors, 0),
      ackPerSecond: ids.length / loadSeconds,
      // Per-port latencies weighted by their share; each port's p99 is its own.
      ackP50Ms: weighted((load) => load.latencyP50Ms),
      ackP99Ms: Math.max(...loads.map((load) => load.latencyP99Ms)),
      answered: answered.length,
      lost: ids.length - answered.length,
      duplicated,
      resentSameId: options.counter.resends - resendsBefore,
      drained: drain.drained,
      totalSeconds,
      answeredPerSecond: answered.length / Math.max(0.001, totalSeconds),
      timeToAnswerP50Ms: quantile(timesToAnswer, 0.5),
      timeToAnswerP99Ms: quantile(timesToAnswer, 0.99),
      processes: children.map((child) => {
        const stats = child === victim ? victimStats : readProcStats(child.pid);
        return { role: child.role, killed: child === victim, peakRssBytes: stats?.peakRssBytes ?? 0, cpuMs: stats?.cpuMs ?? 0 };
      }),
      errors: errorLines(children).slice(0, 20),
    };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

export function formatKillRun(result: KillRunResult): string {
  const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
  return [
    `kill run: ${result.messages} messages, ${result.webProcesses} web + ${result.workerProcesses} workers (PostgreSQL + Redis, MATCHER_ENCODER=none)`,
    `worker SIGKILLed after ${result.killedAt.accepted} acknowledged (${result.killedAt.seconds.toFixed(0)} s into the load)`,
    `acknowledged ${result.accepted}, refused ${result.refused}, ack ${result.ackPerSecond.toFixed(0)}/s, p50 ${result.ackP50Ms.toFixed(0)} ms, p99 ${result.ackP99Ms.toFixed(0)} ms`,
    `answered ${result.answered} in ${result.totalSeconds.toFixed(0)} s (${result.answeredPerSecond.toFixed(1)}/s), time to answer p50 ${(result.timeToAnswerP50Ms / 1000).toFixed(1)} s, p99 ${(result.timeToAnswerP99Ms / 1000).toFixed(1)} s`,
    `LOST ${result.lost}, DUPLICATED ${result.duplicated} (${result.resentSameId} of them the same reply resent under its message id)${result.drained ? '' : ' (drain bound reached)'}`,
    `processes: ${result.processes.map((p) => `${p.role}${p.killed ? ' (killed)' : ''} ${mb(p.peakRssBytes)} ${(p.cpuMs / 1000).toFixed(0)} CPU-s`).join(', ')}`,
    ...(result.errors.length > 0 ? [`errors logged: ${result.errors.length}`, ...result.errors.map((line) => `  ${line}`)] : []),
  ].join('\n');
}
