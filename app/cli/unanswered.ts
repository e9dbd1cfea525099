/**
 * `npm run unanswered -- [--days 30] [--top 20]`: the biggest groups of questions the bot could not answer
 * confidently (handed to a human, or answered with "did you mean…?") and not yet turned into an FAQ, most
 * asked first, with the FAQ customers picked when the bot asked "did you mean" (a phrasing that FAQ should
 * learn). The same groups as the admin page's Unanswered tab (admin/unanswered/groups.ts), for a terminal.
 */
import { parseArgs } from 'node:util';
import { channelSettingsSchemas } from '../../adapters/registry.ts';
import { unansweredGroups } from '../../admin/unanswered/groups.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openDatabase } from '../../core/storage/database.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';

const { values } = parseArgs({ options: { days: { type: 'string', default: '30' }, top: { type: 'string', default: '20' } } });
const config = loadConfig(process.env, channelSettingsSchemas());
await applyMigrations(config.databaseUrl);
const database = await openDatabase(config.databaseUrl);
try {
  const since = new Date(Date.now() - Number(values.days) * 24 * 60 * 60 * 1000);
  const { total, groups } = await unansweredGroups(database.prisma, since, Number(values.top));
  console.log(`${total} unanswered questions in the last ${values.days} days, ${groups.length} biggest groups:`);
  for (const group of groups) {
    console.log(`${String(group.count).padStart(5)}  ${group.representative}  (last ${group.lastAskedAt.toISOString().slice(0, 10)})`);
    // Customers told us which FAQ these phrasings mean: add them to it rather than write a new one.
    if (group.picked) console.log(`       customers picked "${group.picked.question}" from "did you mean" ${group.picked.count}×`);
  }
} finally {
  await database.close();
}
