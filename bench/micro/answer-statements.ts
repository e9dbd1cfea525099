/**
 * `npx tsx bench/micro/answer-statements.ts`: the SQL statements one answer job sends to PostgreSQL, counted
 * with Prisma's query log, for a first message (new conversation) and a follow-up in the same conversation.
 * The bot is a fixed proposal (a confident FAQ answer), so only the pipeline's storage is counted.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { pino } from 'pino';
import { PrismaClient } from '../../generated/postgres/client.ts';
import type { Bot, BotProposal } from '../../core/bot-contract.ts';
import { answerMessage } from '../../core/pipeline/answer-message.ts';
import { cachedDeskLoad, readDeskLoad } from '../../core/pipeline/desk-load.ts';
import { createInProcessQueue } from '../../core/queue/in-process-queue.ts';
import { DEFAULT_ROUTING_RULES, DEFAULT_THRESHOLDS } from '../../core/routing/policy.ts';
import { openDatabase, type Db } from '../../core/storage/database.ts';
import type { DirectSql } from '../../core/storage/direct/direct-sql.ts';
import { recordInboundMessage } from '../../core/storage/inbound-messages.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../prisma/tools/postgres-admin.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const answer: BotProposal = { kind: 'matched', candidates: [{ faqId: 'faq-shipping', confidence: 0.93, question: 'Shipping?', answer: 'Three days.', category: 'shop' }], asksForHuman: false, locale: 'en' };
const bot: Pick<Bot, 'propose' | 'phrase' | 'complaintRisk' | 'lines'> = {
  propose: async () => answer,
  phrase: async (_question, faq) => faq.answer,
  complaintRisk: () => 0.1,
  lines: { clarifyIntro: () => 'Did you mean one of these?', handoffNotice: () => 'A person will follow up.' },
};

const name = randomDatabaseName('kefu_micro');
const url = await createDatabase(adminUrl, name);
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: 'event', level: 'query' }] });
const queue = createInProcessQueue();
let recorder: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  await applyMigrations(url);
  // Inbound messages are stored as the webhook stores them (plain SQL); only the answer's statements are counted.
  recorder = await openDatabase(url);
  const statements: string[] = [];
  prisma.$on('query', (event) => statements.push(event.query));
  const db = prisma as unknown as Db;
  const inbox = await db.inbox.create({ data: { key: 'http', channel: 'http', name: 'bench' } });
  // As the hub wires it: the desk's load read at most once a second, shared by answers (read once before counting).
  const deskLoad = cachedDeskLoad(() => readDeskLoad(db), { maxAgeMs: 60_000 });
  await deskLoad();
  // The answer's plain-SQL reads (core/storage/answer-reads.ts) go through the recorder's connection: counted here.
  const direct: DirectSql = {
    one: (sql, values) => (statements.push(sql), recorder!.direct.one(sql, values)),
    run: (sql, values) => (statements.push(sql), recorder!.direct.run(sql, values)),
    transaction: (work) => recorder!.direct.transaction((tx) => work({ one: (sql, values) => (statements.push(sql), tx.one(sql, values)), run: (sql, values) => (statements.push(sql), tx.run(sql, values)) })),
  };
  const deps = { db, direct, queue, logger: pino({ level: 'silent' }), bot, deskLoad, policyFor: () => ({ ...DEFAULT_ROUTING_RULES, answering: DEFAULT_THRESHOLDS }) };
  for (const [label, n] of [['first message', 1], ['follow-up, same conversation', 2]] as const) {
    const { messageId } = await recordInboundMessage(recorder.direct, inbox.id, {
      reference: { channel: 'http', inboxId: inbox.id, externalConversationId: 'c-1', externalUserId: 'u-1' },
      from: { externalUserId: 'u-1' }, externalMessageId: `m-${n}`, text: n === 1 ? 'where is my parcel?' : 'and the returns?', attachments: [], sentAt: new Date(),
    }, new Date());
    statements.length = 0;
    await answerMessage(deps, messageId);
    console.log(`${label}: ${statements.length} statements`);
    if (process.argv.includes('--list')) for (const sql of statements) console.log(`  ${sql.slice(0, 140)}`);
  }
} finally {
  await queue.close();
  await recorder?.close();
  await prisma.$disconnect();
  await dropDatabase(adminUrl, name);
}
