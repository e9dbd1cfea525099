import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../core/storage/database.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
const N = 10000;
const folder = mkdtempSync(join(tmpdir(), 'kefu-micro-'));
const url = `file:${join(folder, 'kefu.db')}`;
await applyMigrations(url);
const database = await openDatabase(url);
const db = database.prisma;
const inbox = await db.inbox.create({ data: { key: 'http', channel: 'http', name: 'bench' } });
async function time(name: string, f: (n: number) => unknown) {
  for (let n = 0; n < 1000; n++) await f(n);
  const cpu = process.cpuUsage();
  for (let n = 0; n < N; n++) await f(n);
  const u = process.cpuUsage(cpu);
  console.log(name, Math.round((u.user + u.system) / N), 'us');
}
await time('findFirst', (n) => db.conversation.findFirst({ where: { inboxId: inbox.id, externalConversationId: `c-${n % 50}` }, orderBy: { createdAt: 'desc' } }));
await time('queryRaw', (n) => db.$queryRaw`SELECT * FROM "Conversation" WHERE "inboxId" = ${inbox.id} AND "externalConversationId" = ${'c-' + (n % 50)} ORDER BY "createdAt" DESC LIMIT 1`);
const raw = new Database(join(folder, 'kefu.db'));
const st = raw.prepare('SELECT * FROM "Conversation" WHERE "inboxId" = ? AND "externalConversationId" = ? ORDER BY "createdAt" DESC LIMIT 1');
await time('better-sqlite3', (n) => st.get(inbox.id, `c-${n % 50}`));
await database.close();
rmSync(folder, { recursive: true, force: true });
