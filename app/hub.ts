/**
 * The composition root: the one place where configuration, storage, the queue, the channel adapters, the
 * bot and (later) the desks and the admin page are wired together. `core/` knows none of them.
 */
import type { Server } from 'node:http';
import express from 'express';
import type { RunningBot, TrainMatcher } from '../bot/index.ts';
import type { WiredInbox } from '../core/channel-adapter.ts';
import type { HubConfig } from '../core/config/config.ts';
import { createContactEnricher } from '../core/contacts/enrichment.ts';
import { createConversationService } from '../core/conversation/service.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { createEventLoopDelayCollector } from '../core/metrics/event-loop-delay.ts';
import { createHubMetrics, queueDepthCollector, type HubMetrics } from '../core/metrics/hub-metrics.ts';
import { createMetricsRouter } from '../core/metrics/metrics-router.ts';
import type { Collector } from '../core/metrics/registry.ts';
import { databaseQueueDepth } from '../core/metrics/queue-depth.ts';
import { answerMessage } from '../core/pipeline/answer-message.ts';
import { createChannelEventRecorder } from '../core/pipeline/channel-events.ts';
import { handOverUnanswerable } from '../core/pipeline/bot-failed.ts';
import { deliverMessage, markFailed } from '../core/pipeline/deliver-message.ts';
import { cachedDeskLoad, readDeskLoad } from '../core/pipeline/desk-load.ts';
import { createIngest } from '../core/pipeline/ingest.ts';
import { pullMessages } from '../core/pipeline/pull-messages.ts';
import { requeueUnfinished } from '../core/pipeline/recovery.ts';
import { reportFailedRelay } from '../core/handoff/relay-failure.ts';
import { createSyncReplyWaiter } from '../core/pipeline/sync-reply.ts';
import { createWebhookReceiver } from '../core/pipeline/webhook-receiver.ts';
import { createJobQueue } from '../core/queue/create-job-queue.ts';
import { PermanentJobError, type JobQueue, type RunningWorker } from '../core/queue/job-queue.ts';
import { withInboxHours, type RoutingPolicy } from '../core/routing/policy.ts';
import { createWebApp, type Mount } from '../core/runtime/web-app.ts';
import { openDatabase, type Database } from '../core/storage/database.ts';
import { ThreadsLock } from '../core/storage/threads-lock.ts';
import { withGroupCommit } from '../core/storage/direct/group-commit.ts';
import { syncInboxes } from '../core/storage/inboxes.ts';
import { createDatabaseTokenStore } from '../core/storage/token-store.ts';
import { seedSampleFaqsIfEmpty } from '../prisma/seed/seed-sample-faqs.ts';
import { applyMigrations } from '../prisma/tools/migrate.ts';
import { adminRouter } from './admin.ts';
import { createRoutingRulesSource, type RoutingRulesSource } from './routing-settings.ts';
import { wireInboxes } from './channels.ts';
import { registerChannelWebhooks } from './register-webhooks.ts';
import { buildDesks, deskMounts, notifyHandler } from './desks.ts';
import type { AgentDesk } from '../core/agent-desk.ts';

export interface HubOverrides {
  logger?: Logger;
  train?: TrainMatcher;
  now?: () => Date;
  /** Channel APIs are called through this (tests point adapters at loopback servers). @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
  /** How often a worker re-queues work the queue lost (crash, flushed Redis). @defaultValue 30000 */
  recoveryEveryMs?: number;
  /**
   * Replaces the sync-reply deadline of every channel that has one (WeChat OA: 4 s), so tests decide what
   * "fast" means instead of the machine's load. @defaultValue each channel's own
   */
  syncReplyDeadlineMs?: number;
  /** Awaited by the answer job before the bot reads a message (tests: a bot slower than the sync-reply deadline). */
  beforeBotProposes?: () => Promise<void>;
  /** Where the agent desks' settings (SLACK_*, WECOM_*) are read. @defaultValue process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** The queue to use instead of one made from config.queue (a worker thread's: app/worker-thread.ts). */
  queue?: JobQueue;
  /** Log "hub started" when ready. @defaultValue true (a ROLE=all process with a worker thread says it once, for both) */
  announce?: boolean;
  /** The database is migrated already (by the main thread of a ROLE=all process): skip loading the schema engine. */
  databaseMigrated?: boolean;
  /** SQLite: the lock this thread's connection shares with the other thread of a ROLE=all process (core/storage/threads-lock.ts). */
  sqliteThreadsLock?: SharedArrayBuffer;
  /** More sources for `GET /metrics` (the worker thread's counters); families of the same name are added up. */
  metricsCollectors?: readonly Collector[];
}

export interface RunningHub {
  database: Database;
  queue: JobQueue;
  /** The HTTP port actually bound (web and all roles). */
  port?: number;
  /** A worker process's `GET /metrics` port, when METRICS_PORT asked for one. */
  metricsPort?: number;
  /** This process's (or thread's) counters. */
  metrics: HubMetrics;
  close(): Promise<void>;
}

/**
 * Starts the hub in the configured role: `web` receives webhooks, `worker` answers and delivers, `all` does
 * both in one process (the embedded default). Processes share only the database and the queue.
 */
export async function startHub(config: HubConfig, overrides: HubOverrides = {}): Promise<RunningHub> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const now = overrides.now ?? (() => new Date());
  if (!overrides.databaseMigrated) await applyMigrations(config.databaseUrl);
  const database = await openDatabase(config.databaseUrl, {
    ...(overrides.sqliteThreadsLock ? { threadsLock: new ThreadsLock(overrides.sqliteThreadsLock) } : {}),
    // What a webhook acknowledged must survive a power cut (FULL). A worker's writes can be redone from
    // those (recovery re-queues), and a web connection's next commit syncs them too.
    sqliteSynchronous: config.role === 'worker' ? 'NORMAL' : 'FULL',
  });
  const db = database.prisma;
  const stored = await syncInboxes(db, config.inboxes);
  const inboxes = withSyncReplyDeadline(
    wireInboxes(stored, { fetch: overrides.fetch ?? globalThis.fetch, now, tokens: createDatabaseTokenStore(db), logger }),
    overrides.syncReplyDeadlineMs,
  );
  if (config.seedSampleFaq && config.role !== 'worker') {
    const seeded = await seedSampleFaqsIfEmpty(db);
    if (seeded > 0) logger.info({ faqs: seeded }, 'knowledge base was empty: loaded the sample FAQ');
  }
  const desks = buildDesks(overrides.env ?? process.env, { db, fetch: overrides.fetch ?? globalThis.fetch, now, logger });
  const queue = overrides.queue ?? createJobQueue(config, logger);
  const closers: Array<() => Promise<void>> = [];
  // One registry per process: a web process counts webhooks, a worker answers and deliveries, `all` both.
  const metrics = createHubMetrics();
  // The routing policy: the config file's, with what admins saved on the Settings page over it.
  const routing = createRoutingRulesSource({ db, base: config.routing, logger, now });

  // One bot per process: the worker answers with it, the admin page's "try it" asks it. A web-only process
  // builds one on the first "try it" (lexical only, to stay light).
  let bot: Promise<RunningBot> | undefined;
  // Imported on demand: the bot's modules load jieba's dictionary, OpenCC and pinyin tables (about 100 MB),
  // which a web process needs only if an admin uses "try it".
  const botFor = (encoder: HubConfig['matcherEncoder']) =>
    (bot ??= Promise.all([import('../bot/index.ts'), import('../bot/meaning/from-config.ts')]).then(([{ startBot }, { DEFAULT_VECTOR_CACHE_DIR }]) =>
      startBot({ db, logger, matcherEncoder: encoder, ai: config.ai, train: overrides.train, cacheDir: DEFAULT_VECTOR_CACHE_DIR }),
    ));
  if (config.role !== 'web') await botFor(config.matcherEncoder);
  closers.push(async () => void (await (await bot)?.close()));

  let port: number | undefined;
  if (config.role !== 'worker') {
    const admin = await adminRouter({ db, logger, config, now, queue, routing, bot: () => botFor('none') });
    const sendRulesFor = (inboxId: string) => inboxes.find((inbox) => inbox.id === inboxId)?.capabilities;
    const desksMounted = deskMounts(desks, { db, queue, conversations: createConversationService({ db, queue, logger, now }), logger, now, sendRulesFor });
    
    // The router answers GET /metrics itself, so it is mounted at the root.
    const mounts = [{ path: '/admin', router: admin }, ...desksMounted, { path: '/', router: metricsRouterFor(db, metrics, logger, closers, overrides.metricsCollectors) }];
    const server = await startWeb(config, database, queue, inboxes, logger, now, mounts, metrics);
    port = (server.address() as { port: number }).port;
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    if (config.publicUrl) await registerChannelWebhooks(inboxes, config.publicUrl, logger);
  }
  if (config.role !== 'web') closers.unshift(await startWorker(config, database, queue, inboxes, logger, overrides, now, (await bot)!, desks, metrics, routing));
  let metricsPort: number | undefined;
  if (config.role === 'worker' && config.metricsPort !== undefined) {
    // A worker has no web port; its answer and delivery counters are scraped here.
    const server = await listen(express().use(metricsRouterFor(db, metrics, logger, closers, overrides.metricsCollectors)), config.metricsPort, config.host);
    metricsPort = (server.address() as { port: number }).port;
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  }
  if (overrides.announce !== false) logger.info({ role: config.role, port, metricsPort, queue: config.queue.backend, database: database.provider, inboxes: inboxes.map((i) => i.key) }, 'hub started');

  return {
    database,
    queue,
    metrics,
    port,
    ...(metricsPort === undefined ? {} : { metricsPort }),
    async close() {
      for (const close of closers) await close();
      await queue.close();
      await database.close();
    },
  };
}

async function startWeb(config: HubConfig, database: Database, queue: JobQueue, inboxes: WiredInbox[], logger: Logger, now: () => Date, mounts: Mount[], metrics: HubMetrics): Promise<Server> {
  const db = database.prisma;
  const webhooks = createWebhookReceiver({
    inboxes: new Map(inboxes.map((inbox) => [inbox.key, inbox])),
    // A burst of webhooks shares one SQLite commit (and its sync); PostgreSQL groups commits itself.
    ingest: createIngest({ direct: database.provider === 'sqlite' ? withGroupCommit(database.direct) : database.direct, queue, now }),
    requestPull: (inbox, hint) => queue.add('pull', { inboxId: inbox.id, ...(hint ? { hint } : {}) }, { jobId: `pull:${inbox.id}:${hint ?? now().getTime()}` }),
    recordEvents: createChannelEventRecorder({ db, queue, logger, welcomeText: config.welcomeMessage, now }),
    awaitSyncReply: createSyncReplyWaiter({ direct: database.direct, now }),
    logger,
    now,
    onOutcome: (inbox, outcome) => metrics.webhooks.inc({ inbox, outcome }),
  });
  const app = createWebApp({ db, logger, webhooks, mounts, healthDetails: { role: config.role, queue: config.queue.backend, databaseProvider: database.provider } });
  return await listen(app, config.port, config.host);
}

function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}

/** `GET /metrics`: this process's counters, the queue's depth and the event loop's delay (its sampler stops with the hub). */
function metricsRouterFor(db: Database['prisma'], metrics: HubMetrics, logger: Logger, closers: Array<() => Promise<void>>, more: readonly Collector[] = []) {
  const eventLoop = createEventLoopDelayCollector();
  closers.push(async () => eventLoop.stop());
  return createMetricsRouter(metrics.registry, [queueDepthCollector(databaseQueueDepth(db)), eventLoop.collect, ...more], (error) => logger.warn({ err: error }, 'metrics: a collector failed'));
}

async function startWorker(
  config: HubConfig,
  database: Database,
  queue: JobQueue,
  inboxes: WiredInbox[],
  logger: Logger,
  overrides: HubOverrides,
  now: () => Date,
  bot: RunningBot,
  desks: readonly AgentDesk[],
  metrics: HubMetrics,
  routing: RoutingRulesSource,
): Promise<() => Promise<void>> {
  const db = database.prisma;
  const { replyLocaleOf } = await import('../bot/index.ts');
  const inboxesById = new Map(inboxes.map((inbox) => [inbox.id, inbox]));
  const conversations = createConversationService({ db, queue, logger, now });
  const inboxHours = new Map(config.inboxes.map((inbox) => [inbox.key, inbox.businessHours]));
  await routing.load();
  const policyFor = (inboxId: string): RoutingPolicy => ({
    ...withInboxHours(routing.current(), inboxHours.get(inboxesById.get(inboxId)?.key ?? '')),
    answering: { ...config.answering, answerThreshold: inboxesById.get(inboxId)?.answerThreshold ?? config.answering.answerThreshold },
  });
  const hold = overrides.beforeBotProposes;
  const answering = hold ? { ...bot, propose: async (...args: Parameters<RunningBot['propose']>) => (await hold(), await bot.propose(...args)) } : bot;
  const enrichContact = config.enrichment ? createContactEnricher({ db, fetch: overrides.fetch ?? globalThis.fetch, settings: config.enrichment, logger, now }) : undefined;
  const recordEvents = createChannelEventRecorder({ db, queue, logger, welcomeText: config.welcomeMessage, now });
  // Routing's view of the desk's load may be a second old: it changes at the pace of people, not messages.
  const deskLoad = cachedDeskLoad(() => readDeskLoad(db), { maxAgeMs: DESK_LOAD_MAX_AGE_MS });
  const syncReplyDeadlineMs = (inboxId: string) => inboxesById.get(inboxId)?.capabilities.syncReplyDeadlineMs;
  const sendRulesFor = (inboxId: string) => inboxesById.get(inboxId)?.capabilities;
  const deliver = (messageId: string) => deliverMessage({ db, direct: database.direct, logger, inboxesById, now: overrides.now, onOutcome: (outcome) => metrics.deliveries.inc({ outcome }) }, messageId);
  const worker: RunningWorker = queue.work(
    {
      answer: (data) =>
        answerMessage({ db, direct: database.direct, queue, logger, bot: answering, policyFor, conversations, now: overrides.now, syncReplyDeadlineMs, sendRulesFor, enrichContact, deskLoad, deliverNow: deliver, onDecision: ({ tier, reason }) => metrics.answers.inc({ tier, reason }) }, data.messageId),
      deliver: (data) => deliver(data.messageId),
      pull: (data) => pullMessages({ db, logger, inboxesById, ingest: createIngest({ direct: database.direct, queue, now }), recordEvents, now }, data.inboxId, data.hint),
      notify: notifyHandler(desks, { db, queue, logger, now, bot, routing: config.routing }),
    },
    {
      concurrency: config.queue.concurrency,
      onGiveUp: async (name, data, error) => {
        logger.error({ job: name, err: error }, 'job given up');
        if (name === 'deliver' && 'messageId' in data) {
          await markFailed(db, data.messageId, error.message);
          // An agent's reply that will not arrive is said in the desk thread, where the agent works.
          await reportFailedRelay({ db, queue }, data.messageId);
        }
        // A permanent refusal was counted by the deliver job; retries used up are counted here.
        if (name === 'deliver' && !(error instanceof PermanentJobError)) metrics.deliveries.inc({ outcome: 'failed' });
        // A customer is never silently dropped: the conversation goes to a person.
        if (name === 'answer' && 'messageId' in data) await handOverUnanswerable({ db, queue, conversations, notice: (text) => bot.lines.handoffNotice(replyLocaleOf(text)), now }, data.messageId);
      },
    },
  );
  const deskKinds = desks.map((desk) => desk.kind);
  await requeueUnfinished({ db, queue, logger }, { deskKinds });
  const timer = setInterval(() => {
    // Only work older than a minute: younger jobs are normally still in the queue.
    requeueUnfinished({ db, queue, logger }, { olderThanMs: 60_000, deskKinds }).catch((error) => logger.error({ err: error }, 'recovery sweep failed'));
  }, overrides.recoveryEveryMs ?? 30_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await worker.close();
  };
}

/** How old the desk's load that routing reads may be. */
const DESK_LOAD_MAX_AGE_MS = 1_000;

/** The inboxes with `deadlineMs` in place of each sync-reply channel's own deadline (see HubOverrides). */
function withSyncReplyDeadline(inboxes: WiredInbox[], deadlineMs: number | undefined): WiredInbox[] {
  if (deadlineMs === undefined) return inboxes;
  return inboxes.map((inbox) =>
    inbox.capabilities.syncReplyDeadlineMs === undefined ? inbox : { ...inbox, capabilities: { ...inbox.capabilities, syncReplyDeadlineMs: deadlineMs } },
  );
}
