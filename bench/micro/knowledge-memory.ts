/**
 * `npx tsx bench/micro/knowledge-memory.ts [--mode all|split] [--faqs N] [--messages N] [--encoder use-lite|none]`:
 * the peak RSS (VmHWM) of each hub process, started as `npm start` starts it, after it trained on the
 * knowledge base, built its meaning matcher and answered `--messages` questions sent through the HTTP
 * channel. `--faqs 0` is the sample FAQ the hub seeds itself; N > 0 generated FAQs (half Chinese, 5
 * phrasings each, the matcher benchmark's generator) written before the hub starts. `all` runs on a fresh
 * SQLite file, `split` (web + worker) on a fresh PostgreSQL database and Redis keys.
 * Phrasing vectors are kept in data/cache as the hub keeps them: run once to fill it, then compare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../core/storage/database.ts';
import { syntheticFaq } from '../../eval/matcher/speed.ts';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../prisma/tools/postgres-admin.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import { deleteRedisKeys } from '../hub/scenario.ts';
import { errorLines, startHub, waitForMeaning, type HubChild } from '../hub/hub-processes.ts';
import { createTextOf } from '../inputs.ts';
import { startAnswerCounter } from '../lib/answer-counter.ts';
import { Cleanup } from '../lib/cleanup.ts';
import { readProcStats } from '../lib/proc-stats.ts';
import { runSignedLoad } from '../lib/signed-load.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'all' },
    faqs: { type: 'string', default: '0' },
    messages: { type: 'string', default: '200' },
    encoder: { type: 'string', default: 'use-lite' },
  },
});
const mode = values.mode === 'split' ? 'split' : 'all';
const faqs = Number(values.faqs);
const messages = Number(values.messages);
const encoder = values.encoder === 'none' ? 'none' : 'use-lite';
const postgresAdminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const cleanup = new Cleanup();
process.once('SIGINT', () => void cleanup.runAll().then(() => process.exit(130)));

async function freshDatabase(): Promise<string> {
  if (mode === 'all') {
    const folder = mkdtempSync(join(tmpdir(), 'kefu-memory-'));
    cleanup.add('SQLite folder', () => rmSync(folder, { recursive: true, force: true }));
    return `file:${join(folder, 'kefu.db')}`;
  }
  const name = randomDatabaseName('kefu_memory');
  const url = await createDatabase(postgresAdminUrl, name);
  cleanup.add('PostgreSQL database', () => dropDatabase(postgresAdminUrl, name));
  return url;
}

/** Writes `count` generated FAQs (the hub then does not seed the sample). */
async function writeFaqs(databaseUrl: string, count: number): Promise<void> {
  await applyMigrations(databaseUrl);
  const database = await openDatabase(databaseUrl);
  try {
    const { entries } = syntheticFaq(count, 5, 0, 7);
    for (let start = 0; start < entries.length; start += 500) {
      await database.prisma.faq.createMany({
        data: entries.slice(start, start + 500).map((entry, i) => ({
          id: entry.id,
          question: entry.question,
          alternatives: entry.alternatives,
          answer: `Answer ${start + i}`,
          category: 'generated',
          locale: (start + i) % 2 === 1 ? 'zh-CN' : 'en',
          updatedBy: 'bench',
        })),
      });
    }
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const secrets = { inbound: randomBytes(24).toString('hex'), outbound: randomBytes(24).toString('hex') };
  const counter = await startAnswerCounter(secrets.outbound, cleanup);
  const databaseUrl = await freshDatabase();
  if (faqs > 0) await writeFaqs(databaseUrl, faqs);
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    MATCHER_ENCODER: encoder,
    HTTP_CHANNEL_INBOUND_SECRET: secrets.inbound,
    HTTP_CHANNEL_OUTBOUND_SECRET: secrets.outbound,
    HTTP_CHANNEL_CALLBACK_URL: counter.url,
  };
  if (mode === 'split') {
    const prefix = `kefu-memory-${randomBytes(4).toString('hex')}`;
    Object.assign(env, { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix });
    cleanup.add('Redis keys', () => deleteRedisKeys(redisUrl, prefix));
  }
  const started = performance.now();
  const children: HubChild[] = [];
  if (mode === 'all') children.push(await startHub('all', env, cleanup, 'hub'));
  else {
    children.push(await startHub('web', env, cleanup, 'web'));
    children.push(await startHub('worker', env, cleanup, 'worker'));
  }
  const startupMs = performance.now() - started;
  const answering = children.filter((child) => child.role !== 'web');
  const meaningReady = encoder === 'use-lite' ? (await Promise.all(answering.map((child) => waitForMeaning(child, 600_000)))).every(Boolean) : undefined;
  const web = children.find((child) => child.port !== undefined)!;
  const load = messages === 0 ? { accepted: new Map<string, number>() } : await runSignedLoad({ url: `http://127.0.0.1:${web.port}/webhooks/http`, secret: secrets.inbound, connections: 10, durationSeconds: 600, amount: messages, textOf: createTextOf(), runId: `memory-${randomBytes(3).toString('hex')}` });
  const drained = await counter.waitForAll(load.accepted.keys(), 300_000);
  const processes = children.map((child) => ({ role: child.role, peakRssMB: Math.round((readProcStats(child.pid)?.peakRssBytes ?? 0) / 1048576) }));
  console.log(JSON.stringify({ mode, faqs: faqs || 'sample', encoder, messages, answered: drained.drained ? load.accepted.size : 'not all', meaningReady, startupS: Math.round(startupMs / 100) / 10, processes, errors: errorLines(children).slice(0, 5) }));
  await Promise.all(children.map((child) => child.stop()));
}

try {
  await main();
} finally {
  await cleanup.runAll();
}
