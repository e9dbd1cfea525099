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
import { createAnswerEngine } from './answer-engine.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { storedTrainer } from './training/stored-trainer.ts';
import { providersFromConfig } from './providers/from-config.ts';
import { DEFAULT_VECTOR_CACHE_DIR, meaningFromConfig } from './meaning/from-config.ts';
import { createLogger } from '../core/logger.ts';

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
  // The same engine the worker runs, providers included, so the answer here is the answer customers get.
  const logger = createLogger(config.logLevel);
  // Models and vectors are kept on disk per knowledge-base version: only the first question after an FAQ
  // change trains and embeds (seconds); the next ones read them.
  const knowledge = new KnowledgeBase({ db: database.prisma, train: storedTrainer(DEFAULT_VECTOR_CACHE_DIR) });
  const meaning = await meaningFromConfig(config.matcherEncoder, config.ai, logger, globalThis.fetch, { vectorCacheDir: DEFAULT_VECTOR_CACHE_DIR });
  // A worker answers lexically until its meaning matcher is built; a one-off question waits for it.
  if (meaning) await meaning.index.ready(await knowledge.current());
  const decision = await createAnswerEngine({ knowledge, logger, meaning, ...providersFromConfig(config.ai) })(question, config.answering);
  const why = decision.kind === 'escalate' ? `, ${decision.reason}` : decision.kind === 'small_talk' ? `, ${decision.act}` : '';
  console.log(`${decision.kind} (confidence ${decision.confidence.toFixed(2)}${why})`);
  console.log(decision.text || '(no reply)');
  if (decision.kind === 'clarify') for (const suggestion of decision.suggestions) console.log(`  - ${suggestion}`);
} finally {
  await database.close();
}
