/**
 * `npm run ask -- "how long does shipping take?"`: asks the knowledge base in the configured database the
 * way a customer would, and prints the bot's decision. The quickest way to see the bot work (and to check
 * a new FAQ) without connecting a channel.
 */
import { channelSettingsSchemas } from '../adapters/registry.ts';
import { loadConfig } from '../core/config/config.ts';
import { openDatabase } from '../core/storage/database.ts';
import { seedSampleFaqsIfEmpty } from '../prisma/seed/seed-sample-faqs.ts';
import { applyMigrations } from '../prisma/tools/migrate.ts';
import { composeReply } from './compose-reply.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { trainMatcher } from './matcher/index.ts';

const question = process.argv.slice(2).join(' ').trim();
if (!question) {
  console.error('usage: npm run ask -- "your question"');
  process.exit(64);
}
const config = loadConfig(process.env, channelSettingsSchemas());
await applyMigrations(config.databaseUrl);
const database = await openDatabase(config.databaseUrl);
try {
  if (config.seedSampleFaq) await seedSampleFaqsIfEmpty(database.prisma);
  const snapshot = await new KnowledgeBase({ db: database.prisma, train: trainMatcher }).current();
  const decision = composeReply(question, snapshot, config.answering);
  console.log(`${decision.kind} (confidence ${decision.confidence.toFixed(2)})`);
  console.log(decision.text);
  if (decision.kind === 'clarify') for (const suggestion of decision.suggestions) console.log(`  - ${suggestion}`);
} finally {
  await database.close();
}
