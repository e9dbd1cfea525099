import type { Server } from 'node:http';
import { channelRegistry } from '../../adapters/registry.ts';
import { createAnswerEngine } from '../../bot/answer-engine.ts';
import { defaultComplaintDetector } from '../../bot/emotion/default-detector.ts';
import { KnowledgeBase } from '../../bot/knowledge-base.ts';
import { createBackgroundTrainer } from '../../bot/training/background-trainer.ts';
import type { TrainMatcher } from '../../bot/matcher/types.ts';
import { providersFromConfig } from '../../bot/providers/from-config.ts';
import { meaningFromConfig } from '../../bot/meaning/from-config.ts';
import { seedSampleFaqsIfEmpty } from '../../prisma/seed/seed-sample-faqs.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import type { ChannelAdapter } from '../channel-adapter.ts';
import type { HubConfig } from '../config/config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { answerMessage } from '../pipeline/answer-message.ts';
import { deliverMessage, markFailed } from '../pipeline/deliver-message.ts';
import { createIngest } from '../pipeline/ingest.ts';
import { requeueUnfinished } from '../pipeline/recovery.ts';
import { createWebhookReceiver, type ReceivingInbox } from '../pipeline/webhook-receiver.ts';
import { createJobQueue } from '../queue/create-job-queue.ts';
import type { JobQueue, RunningWorker } from '../queue/job-queue.ts';
import { openDatabase, type Database } from '../storage/database.ts';
import { syncInboxes, type StoredInbox } from '../storage/inboxes.ts';
import { registerChannelWebhooks } from './register-webhooks.ts';
import { createWebApp } from './web-app.ts';
import type { ConversationContext } from '../../bot/answer-engine.ts';

export interface HubOverrides {
  logger?: Logger;
  train?: TrainMatcher;
  now?: () => Date;
  /** How often a worker re-queues work the queue lost (crash, flushed Redis). @defaultValue 30000 */
  recoveryEveryMs?: number;
}

export interface RunningHub {
  database: Database;
  queue: JobQueue;
  /** The HTTP port actually bound (web and all roles). */
  port?: number;
  close(): Promise<void>;
}

/**
 * Starts the hub in the configured role: `web` receives webhooks, `worker` answers and delivers, `all` does
 * both in one process (the embedded default). Processes share only the database and the queue.
 */
export async function startHub(config: HubConfig, overrides: HubOverrides = {}): Promise<RunningHub> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  await applyMigrations(config.databaseUrl);
  const database = await openDatabase(config.databaseUrl);
  const db = database.prisma;
  const inboxes = (await syncInboxes(db, config.inboxes)).map(wire);
  if (config.seedSampleFaq && config.role !== 'worker') {
    const seeded = await seedSampleFaqsIfEmpty(db);
    if (seeded > 0) logger.info({ faqs: seeded }, 'knowledge base was empty: loaded the sample FAQ');
  }
  const queue = createJobQueue(config, logger);
  const closers: Array<() => Promise<void>> = [];

  let port: number | undefined;
  if (config.role !== 'worker') {
    const server = await startWeb(config, database, queue, inboxes, logger, overrides);
    port = (server.address() as { port: number }).port;
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    if (config.publicUrl) await registerChannelWebhooks(inboxes, config.publicUrl, logger);
  }
  if (config.role !== 'web') {
    const stop = await startWorker(config, database, queue, inboxes, logger, overrides);
    closers.push(stop);
  }
  logger.info({ role: config.role, port, queue: config.queue.backend, database: database.provider, inboxes: inboxes.map((i) => i.key) }, 'hub started');

  return {
    database,
    queue,
    port,
    async close() {
      for (const close of closers) await close();
      await queue.close();
      await database.close();
    },
  };
}

async function startWeb(config: HubConfig, database: Database, queue: JobQueue, inboxes: WiredInbox[], logger: Logger, overrides: HubOverrides): Promise<Server> {
  const receiving = new Map<string, ReceivingInbox>(inboxes.map((inbox) => [inbox.key, inbox]));
  const webhooks = createWebhookReceiver({ inboxes: receiving, ingest: createIngest({ db: database.prisma, queue, now: overrides.now }), logger, now: overrides.now });
  const app = createWebApp({ db: database.prisma, logger, webhooks, healthDetails: { role: config.role, queue: config.queue.backend, database: database.provider } });
  return await new Promise<Server>((resolve, reject) => {
    const server = app.listen(config.port, config.host, () => resolve(server));
    server.once('error', reject);
  });
}

async function startWorker(config: HubConfig, database: Database, queue: JobQueue, inboxes: WiredInbox[], logger: Logger, overrides: HubOverrides): Promise<() => Promise<void>> {
  const db = database.prisma;
  const trainer = overrides.train ? undefined : createBackgroundTrainer();
  const knowledge = new KnowledgeBase({ db, train: overrides.train ?? ((entries) => trainer!.train(entries)) });
  // Train before taking jobs, so the first customer does not wait for it.
  const snapshot = await knowledge.current();
  const inboxesById = new Map(inboxes.map((inbox) => [inbox.id, inbox]));
  const meaning = await meaningFromConfig(config.matcherEncoder, config.ai, logger);
  // Embedding a large FAQ takes minutes on a CPU: answer lexically meanwhile instead of delaying start-up.
  void meaning?.index.ready(snapshot);
  const answer = createAnswerEngine({ knowledge, logger, meaning, ...providersFromConfig(config.ai) });
  const decide = (question: string, inboxId: string, context: ConversationContext) => {
    const answerThreshold = inboxesById.get(inboxId)?.answerThreshold ?? config.answering.answerThreshold;
    return answer(question, { ...config.answering, answerThreshold }, context);
  };
  const complaintRisk = (text: string) => defaultComplaintDetector.score(text).risk;
  const worker: RunningWorker = queue.work(
    {
      answer: (data) => answerMessage({ db, queue, logger, decide, complaintRisk, now: overrides.now }, data.messageId),
      deliver: (data) => deliverMessage({ db, logger, inboxesById, now: overrides.now }, data.messageId),
    },
    {
      concurrency: config.queue.concurrency,
      onGiveUp: async (name, data, error) => {
        logger.error({ job: name, messageId: data.messageId, err: error }, 'job given up');
        if (name === 'deliver') await markFailed(db, data.messageId, error.message);
      },
    },
  );
  await requeueUnfinished({ db, queue, logger });
  const timer = setInterval(() => {
    // Only work older than a minute: younger jobs are normally still in the queue.
    requeueUnfinished({ db, queue, logger }, { olderThanMs: 60_000 }).catch((error) => logger.error({ err: error }, 'recovery sweep failed'));
  }, overrides.recoveryEveryMs ?? 30_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await worker.close();
    await meaning?.index.close();
    await trainer?.close();
  };
}

/** A configured inbox with its channel's adapter and the settings that adapter receives. */
interface WiredInbox {
  id: string;
  key: string;
  answerThreshold?: number;
  adapter: ChannelAdapter<unknown>;
  settings: unknown;
}

/** Adapters receive their settings with the inbox id they belong to (see adapters/shared/inbox-binding.ts). */
function wire(inbox: StoredInbox): WiredInbox {
  return {
    id: inbox.id,
    key: inbox.key,
    answerThreshold: inbox.answerThreshold,
    adapter: channelRegistry[inbox.channel].adapter,
    settings: { ...(inbox.settings as object), inboxId: inbox.id },
  };
}
