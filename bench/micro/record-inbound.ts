/**
 * `npx tsx bench/micro/record-inbound.ts`: the webhook path's storage alone. Stores messages as webhooks
 * do (20 customers, each writing into their own conversation, 10 at once) on SQLite and PostgreSQL, and
 * prints messages/s and CPU ms per message; then as many first messages of new customers (a new contact and
 * conversation each). Databases are made fresh and removed. `[N] sqlite` skips PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../core/storage/database.ts';
import { recordInboundMessage } from '../../core/storage/inbound-messages.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../prisma/tools/postgres-admin.ts';

const MESSAGES = Number(process.argv[2] ?? 2000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function measure(provider: string, url: string): Promise<void> {
  await applyMigrations(url);
  const database = await openDatabase(url);
  try {
    const inbox = await database.prisma.inbox.create({ data: { key: 'http', channel: 'http', name: 'bench' } });
    const message = (n: number) => ({
      externalMessageId: `m-${n}`,
      from: { externalUserId: `u-${n % 20}` },
      reference: { channel: 'http', inboxKey: 'http', externalConversationId: `c-${n % 20}`, externalUserId: `u-${n % 20}` },
      text: 'where is my parcel?',
      attachments: [],
    }) as unknown as Parameters<typeof recordInboundMessage>[2];
    for (let n = 0; n < 20; n++) await recordInboundMessage(database.direct, inbox.id, message(-1 - n), new Date()); // conversations exist
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (next < MESSAGES) await recordInboundMessage(database.direct, inbox.id, message(next++), new Date());
    }));
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    // A retried webhook: every message again.
    const retryStarted = performance.now();
    for (let n = 0; n < 200; n++) await recordInboundMessage(database.direct, inbox.id, message(n), new Date());
    const retryMs = (performance.now() - retryStarted) / 200;
    // First messages: every one opens a conversation for a new customer (the benchmark's load).
    const firstCpu = process.cpuUsage();
    const firstStarted = performance.now();
    let first = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      while (first < MESSAGES) {
        const n = first++;
        await recordInboundMessage(database.direct, inbox.id, { ...message(n), externalMessageId: `f-${n}`, from: { externalUserId: `fu-${n}` }, reference: { ...message(n).reference, externalConversationId: `fc-${n}`, externalUserId: `fu-${n}` } }, new Date());
      }
    }));
    const firstSeconds = (performance.now() - firstStarted) / 1000;
    const firstUsed = process.cpuUsage(firstCpu);
    console.log(JSON.stringify({
      provider, messages: MESSAGES, perSecond: Math.round(MESSAGES / seconds), cpuMsPerMessage: +((used.user + used.system) / 1000 / MESSAGES).toFixed(2), duplicateMs: +retryMs.toFixed(2),
      newConversationPerSecond: Math.round(MESSAGES / firstSeconds), newConversationCpuMs: +((firstUsed.user + firstUsed.system) / 1000 / MESSAGES).toFixed(2),
    }));
  } finally {
    await database.close();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'kefu-micro-'));
try {
  await measure('sqlite', `file:${join(folder, 'kefu.db')}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
if (process.argv[3] === 'sqlite') process.exit(0);
const name = randomDatabaseName('kefu_micro');
const url = await createDatabase(adminUrl, name);
try {
  await measure('postgresql', url);
} finally {
  await dropDatabase(adminUrl, name);
}
