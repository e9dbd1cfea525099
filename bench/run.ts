/**
 * `npm run bench [-- --quick]`: ceilings, the hub as real processes, and the matcher alone, measured in
 * one run on one machine; prints a table and writes bench/results/<YYYY-MM-DD>.json. Everything it starts
 * (processes in their own groups, servers, databases, Redis keys, temp files) is stopped or removed at
 * the end, also on an error or Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { measureBullmqRaw } from './ceilings/bullmq-raw.ts';
import { measureExpressHmac } from './ceilings/express-hmac.ts';
import { measurePostgresInserts, measureSqliteInserts } from './ceilings/inserts.ts';
import { formatKillRun, runKillRun } from './hub/kill-run.ts';
import { runScenario, type ScenarioResult, type ScenarioSpec } from './hub/scenario.ts';
import { createTextOf, longWordTexts } from './inputs.ts';
import { startAnswerCounter } from './lib/answer-counter.ts';
import { REPO_ROOT } from './lib/child-process.ts';
import { Cleanup } from './lib/cleanup.ts';
import { describeMachine } from './lib/machine.ts';
import { measureLongWords, measureMatcher } from './matcher/matcher-bench.ts';
import { formatReport, phaseRatios, type BenchReport, type Ceilings } from './report.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    // The durability run alone: 2 web + 2 workers, one worker SIGKILLed halfway (bench/hub/kill-run.ts).
    'kill-run': { type: 'boolean', default: false },
    messages: { type: 'string', default: '20000' },
  },
});
const quick = values.quick;
const settings = quick
  ? { connections: 50, webSeconds: 3, hubSeconds: 3, drainTimeoutMs: 60_000, queueJobs: 5_000, sqliteRows: 3_000, postgresRows: 5_000, matcherPhrasings: 5, matcherQueries: 1_000, longWordTimeoutMs: 8_000 }
  : { connections: 50, webSeconds: 10, hubSeconds: 15, drainTimeoutMs: 300_000, queueJobs: 20_000, sqliteRows: 10_000, postgresRows: 20_000, matcherPhrasings: 10, matcherQueries: 2_000, longWordTimeoutMs: 60_000 };
const postgresAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const scenarios: ScenarioSpec[] = [
  { name: 'embedded, encoder none', stack: 'embedded', workers: 0, encoder: 'none' },
  // The same on one thread (WORKER_THREAD=off): the baseline of the worker thread, in the same run.
  { name: 'embedded, none, 1 thread', stack: 'embedded', workers: 0, encoder: 'none', workerThread: false },
  { name: 'embedded, encoder default', stack: 'embedded', workers: 0, encoder: 'use-lite' },
  { name: 'PG+Redis 1 worker, none', stack: 'postgres-redis', workers: 1, encoder: 'none' },
  { name: 'PG+Redis 2 workers, none', stack: 'postgres-redis', workers: 2, encoder: 'none' },
  ...(quick ? [] : [
    { name: 'PG+Redis 1 worker, default', stack: 'postgres-redis', workers: 1, encoder: 'use-lite' },
    { name: 'PG+Redis 2 workers, default', stack: 'postgres-redis', workers: 2, encoder: 'use-lite' },
  ] satisfies ScenarioSpec[]),
];

const cleanup = new Cleanup();
let interrupted = false;
process.once('SIGINT', () => { interrupted = true; void cleanup.runAll().then(() => process.exit(130)); });
process.once('SIGTERM', () => { interrupted = true; void cleanup.runAll().then(() => process.exit(143)); });

async function main(): Promise<void> {
  const started = performance.now();
  const secrets = { inbound: randomBytes(24).toString('hex'), outbound: randomBytes(24).toString('hex') };
  const textOf = createTextOf();
  const step = (what: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${what}`);

  step('ceiling: express + HMAC');
  const expressHmac = await measureExpressHmac({ secret: secrets.inbound, connections: settings.connections, durationSeconds: settings.webSeconds, textOf, cleanup });
  step('ceiling: raw BullMQ add → process');
  const bullmqRedis = await measureBullmqRaw({ redisUrl, jobs: settings.queueJobs, concurrency: 10, cleanup });
  step('ceiling: SQLite and PostgreSQL inserts');
  const ceilings: Ceilings = {
    expressHmac,
    bullmqRedis,
    sqliteInsertsPerSecond: { full: measureSqliteInserts(settings.sqliteRows, 'FULL', cleanup), normal: measureSqliteInserts(settings.sqliteRows * 5, 'NORMAL', cleanup) },
    postgresInsertsPerSecond: await measurePostgresInserts(postgresAdminUrl, settings.postgresRows, cleanup),
  };

  const counter = await startAnswerCounter(secrets.outbound, cleanup);
  const hub: BenchReport['hub'] = [];
  for (const spec of scenarios) {
    if (interrupted) return;
    step(`hub: ${spec.name}`);
    const result: ScenarioResult = await runScenario(spec, {
      secrets, counter, textOf, connections: settings.connections, durationSeconds: settings.hubSeconds,
      drainTimeoutMs: settings.drainTimeoutMs, postgresAdminUrl, redisUrl, cleanup,
    });
    hub.push({
      ...result,
      ratios: {
        max: phaseRatios(result.max, result, ceilings, settings.hubSeconds),
        half: phaseRatios(result.half, result, ceilings, settings.hubSeconds),
        steady: phaseRatios(result.steady, result, ceilings, settings.hubSeconds),
        peakRss: result.processes.map((p) => p.peakRssBytes / expressHmac.peakRssBytes),
      },
    });
  }

  step('matcher alone: 100, 1,000, 10,000 FAQs');
  const matcher = await measureMatcher([100, 1_000, 10_000], settings.matcherPhrasings, settings.matcherQueries);
  step('matcher alone: one long word');
  const longWords = await measureLongWords(longWordTexts().map((entry) => entry.name), settings.longWordTimeoutMs);

  const date = new Date().toISOString().slice(0, 10);
  const report: BenchReport = {
    date, mode: quick ? 'quick' : 'full', machine: describeMachine(),
    settings: { ...settings, hostileEvery: 25, workerConcurrency: 10 },
    ceilings, hub, matcher, longWords,
    elapsedSeconds: (performance.now() - started) / 1000,
  };
  mkdirSync(`${REPO_ROOT}bench/results`, { recursive: true });
  const file = `${REPO_ROOT}bench/results/${date}${quick ? '' : '-full'}.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatReport(report));
  console.log(`\nreport written to ${file.slice(REPO_ROOT.length)}`);
}

async function killRunOnly(): Promise<void> {
  const started = performance.now();
  const messages = Number(values.messages);
  if (!Number.isInteger(messages) || messages < 2) throw new Error(`--messages must be a whole number ≥ 2, got ${values.messages}`);
  const secrets = { inbound: randomBytes(24).toString('hex'), outbound: randomBytes(24).toString('hex') };
  const counter = await startAnswerCounter(secrets.outbound, cleanup);
  const result = await runKillRun({
    messages, connectionsPerWeb: 25, drainTimeoutMs: 60 * 60_000, lateDuplicateWaitMs: 70_000,
    secrets, counter, textOf: createTextOf(), postgresAdminUrl, redisUrl, cleanup,
    log: (what) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${what}`),
  });
  const date = new Date().toISOString().slice(0, 10);
  const report = { date, mode: 'kill-run', machine: describeMachine(), result, elapsedSeconds: (performance.now() - started) / 1000 };
  mkdirSync(`${REPO_ROOT}bench/results`, { recursive: true });
  const file = `${REPO_ROOT}bench/results/${date}-kill-run.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatKillRun(result));
  console.log(`\nreport written to ${file.slice(REPO_ROOT.length)}`);
  if (result.lost > 0 || result.duplicated > 0) process.exitCode = 1;
}

try {
  await (values['kill-run'] ? killRunOnly() : main());
} catch (error) {
  console.error(`benchmark failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup.runAll();
}
