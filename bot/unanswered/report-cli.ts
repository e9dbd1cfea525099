/**
 * `npm run unanswered -- [--days 30] [--top 20]`: the biggest groups of questions the bot could not answer
 * confidently (handed to a human, or answered with "did you mean…?") and not yet turned into an FAQ, most
 * asked first, with the FAQ customers picked when the bot asked "did you mean" (a phrasing that FAQ should
 * learn). The admin page (#5) shows the same groups; this works before it exists.
 */
import { parseArgs } from 'node:util';
import { channelSettingsSchemas } from '../../adapters/registry.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openDatabase } from '../../core/storage/database.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import { groupQuestions } from './group-questions.ts';
import { mostPickedFaq } from './picked-faqs.ts';

const { values } = parseArgs({ options: { days: { type: 'string', default: '30' }, top: { type: 'string', default: '20' } } });
const config = loadConfig(process.env, channelSettingsSchemas());
await applyMigrations(config.databaseUrl);
const database = await openDatabase(config.databaseUrl);
try {
  const since = new Date(Date.now() - Number(values.days) * 24 * 60 * 60 * 1000);
  const rows = await database.prisma.unansweredQuestion.findMany({
    where: { createdAt: { gte: since }, faqCreatedId: null },
    select: { id: true, text: true, createdAt: true, pickedFaqId: true },
  });
  const pickedFaqIdOf = new Map(rows.flatMap((row) => (row.pickedFaqId ? [[row.id, row.pickedFaqId] as const] : [])));
  const groups = groupQuestions(rows.map((row) => ({ id: row.id, text: row.text, at: row.createdAt }))).slice(0, Number(values.top));
  const faqs = await database.prisma.faq.findMany({ where: { id: { in: [...new Set(pickedFaqIdOf.values())] } }, select: { id: true, question: true } });
  const questionOf = new Map(faqs.map((faq) => [faq.id, faq.question]));
  console.log(`${rows.length} unanswered questions in the last ${values.days} days, ${groups.length} biggest groups:`);
  for (const group of groups) {
    console.log(`${String(group.count).padStart(5)}  ${group.representative}  (last ${group.lastAskedAt.toISOString().slice(0, 10)})`);
    const picked = mostPickedFaq(group.questionIds, pickedFaqIdOf);
    // Customers told us which FAQ these phrasings mean: add them to it rather than write a new one.
    if (picked) console.log(`       customers picked "${questionOf.get(picked.faqId) ?? picked.faqId}" from "did you mean" ${picked.count}×`);
  }
} finally {
  await database.close();
}
