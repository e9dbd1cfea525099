/**
 * `npm run ask -- "how long does shipping take?"`: asks the knowledge base in the configured database the
 * way a customer would, and prints what the hub would do: the routing decision and the reply. The quickest
 * way to see the bot work (and to check a new FAQ) without connecting a channel.
 */
import { channelSettingsSchemas } from '../../adapters/registry.ts';
import { DEFAULT_VECTOR_CACHE_DIR, startBot, storedTrainer } from '../../bot/index.ts';
import type { ConversationContext } from '../../core/bot-contract.ts';
import { loadConfig } from '../../core/config/config.ts';
import { createLogger } from '../../core/logger.ts';
import { replyText } from '../../core/pipeline/reply-text.ts';
import { route } from '../../core/routing/route.ts';
import { openDatabase } from '../../core/storage/database.ts';
import { seedSampleFaqsIfEmpty } from '../../prisma/seed/seed-sample-faqs.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';

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
  // The same bot and routing the worker runs, providers included, so the answer here is the answer customers get.
  const logger = createLogger(config.logLevel);
  const bot = await startBot({ db: database.prisma, logger, matcherEncoder: config.matcherEncoder, ai: config.ai, train: storedTrainer(DEFAULT_VECTOR_CACHE_DIR), cacheDir: DEFAULT_VECTOR_CACHE_DIR, waitForMeaning: true });
  // Models and vectors are kept on disk per knowledge-base version: only the first question after an FAQ
  // change trains and embeds; the next ones read them (about 3 s instead of 13).
  try {
    const context: ConversationContext = { offered: [] };
    const proposal = await bot.propose(question, context);
    const complaintRisk = bot.complaintRisk(question);
    const policy = { ...config.routing, answering: config.answering };
    const decision = route({ proposal, context, signals: { complaintRisk }, contact: { vip: false }, now: new Date(), load: { waitingEscalations: 0, agentsOnline: 0 }, policy });
    const reply = decision.reply;
    const confidence = reply.kind === 'answer' || reply.kind === 'clarify' || reply.kind === 'handoff' ? reply.confidence : 1;
    console.log(`${reply.kind} (tier ${decision.tier}, ${decision.reason}, confidence ${confidence.toFixed(2)}, complaint risk ${complaintRisk.toFixed(2)})`);
    console.log(reply.kind === 'none' ? '(no reply)' : await replyText(reply, proposal, bot, question));
    if (reply.kind === 'clarify') for (const offered of reply.offered) console.log(`  - ${offered.question}`);
  } finally {
    await bot.close();
  }
} finally {
  await database.close();
}
