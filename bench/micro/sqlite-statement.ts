/**
 * `npx tsx bench/micro/sqlite-statement.ts [N]`: the cost of one Prisma statement on SQLite through the hub's
 * connection (openDatabase), alone: N lookups of a conversation by its external id, as the webhook does,
 * one at a time. Prints CPU µs per statement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../core/storage/database.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';

const N = Number(process.argv[2] ?? 20_000);
const folder = mkdtempSync(join(tmpdir(), 'kefu-micro-'));
try {
  const url = `file:${join(folder, 'kefu.db')}`;
  await applyMigrations(url);
  const database = await openDatabase(url);
  const db = database.prisma;
  try {
    const inbox = await db.inbox.create({ data: { key: 'http', channel: 'http', name: 'bench' } });
    const lookup = (n: number) => db.conversation.findFirst({ where: { inboxId: inbox.id, externalConversationId: `c-${n % 50}` }, orderBy: { createdAt: 'desc' } });
    for (let n = 0; n < 2000; n++) await lookup(n); // warm
    const cpu = process.cpuUsage();
    for (let n = 0; n < N; n++) await lookup(n);
    const used = process.cpuUsage(cpu);
    console.log(JSON.stringify({ statements: N, cpuMicrosecondsPerStatement: Math.round((used.user + used.system) / N) }));
  } finally {
    await database.close();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
