import { randomBytes } from 'node:crypto';
import { channelSettingsSchemas } from '../../adapters/registry.ts';
import { loadConfig, type HubConfig } from '../../core/config/config.ts';
import type { DatabaseProvider } from '../../core/storage/driver-adapter.ts';
import { TEST_REDIS_URL } from './services.ts';

/** The two deployments the hub supports; end-to-end tests run on both. */
export interface Stack {
  name: string;
  provider: DatabaseProvider;
  queue: 'in-process' | 'redis';
}

export const STACKS: readonly Stack[] = [
  { name: 'SQLite + in-process queue', provider: 'sqlite', queue: 'in-process' },
  { name: 'PostgreSQL + BullMQ on Redis', provider: 'postgresql', queue: 'redis' },
];

export const TELEGRAM_TOKEN = '123456:TEST-token_abc';
export const TELEGRAM_SECRET = 'webhook-secret_0123456789';
export const HTTP_INBOUND_SECRET = 'inbound-secret-0123456789';
export const HTTP_OUTBOUND_SECRET = 'outbound-secret-0123456789';

/**
 * The environment a hub of this stack would be started with: the same variables a user sets, so the tests
 * go through configuration loading too. A fresh queue prefix keeps parallel test files apart on one Redis.
 */
export function stackEnvironment(
  stack: Stack,
  databaseUrl: string,
  channels: { telegramApiRoot?: string; httpCallbackUrl?: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    ...(stack.queue === 'redis' ? { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: `kefu-test-${randomBytes(4).toString('hex')}` } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // The meaning matcher is built in the background, so answers right after start-up would depend on
    // timing; its own tests (test/bot/meaning/) cover it with the real encoder.
    MATCHER_ENCODER: 'none',
    ...(channels.telegramApiRoot
      ? { TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: channels.telegramApiRoot }
      : {}),
    ...(channels.httpCallbackUrl
      ? { HTTP_CHANNEL_INBOUND_SECRET: HTTP_INBOUND_SECRET, HTTP_CHANNEL_OUTBOUND_SECRET: HTTP_OUTBOUND_SECRET, HTTP_CHANNEL_CALLBACK_URL: channels.httpCallbackUrl }
      : {}),
    ...extra,
  };
}

/** `files` stands in for the disk: KEFU_CONFIG=<name> in the environment reads `files[name]`. */
export function stackConfig(environment: Record<string, string>, files: Readonly<Record<string, string>> = {}): HubConfig {
  return loadConfig(environment, channelSettingsSchemas(), (path) => files[path]);
}

/**
 * How long end-to-end tests wait for something that normally takes well under a second (a reply, a
 * delivery): generous, because on a loaded 2-core CI machine "normally" is far from "always". A test that
 * waits for nothing still fails, just later.
 */
export const WAIT_MS = 60_000;

/** The per-test budget of suites that start several hub processes (each may take up to HUB_START_TIMEOUT_MS). */
export const PROCESS_TEST_TIMEOUT_MS = 300_000;

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = WAIT_MS, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
