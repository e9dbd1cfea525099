/**
 * `npx tsx bench/micro/startup-memory.ts <role> [encoder]`: starts the hub in one role on a fresh SQLite file
 * (or DATABASE_URL), and prints its RSS and heap once started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { channelSettingsSchemas } from '../../adapters/registry.ts';
import { startHub } from '../../app/hub.ts';
import { loadConfig, type ProcessRole } from '../../core/config/config.ts';

const role = (process.argv[2] ?? 'web') as ProcessRole;
const encoder = process.argv[3] ?? 'none';
const folder = mkdtempSync(join(tmpdir(), 'kefu-memory-'));
const env = { DATABASE_URL: process.env.DATABASE_URL ?? `file:${join(folder, 'kefu.db')}`, PORT: '0', HOST: '127.0.0.1', ROLE: role, MATCHER_ENCODER: encoder, LOG_LEVEL: 'silent', HTTP_CHANNEL_INBOUND_SECRET: 'inbound-secret-0123456789', HTTP_CHANNEL_OUTBOUND_SECRET: 'outbound-secret-0123456789', HTTP_CHANNEL_CALLBACK_URL: 'http://127.0.0.1:9/cb', ...(role === 'all' ? {} : { REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `kefu-micro-${randomBytes(4).toString('hex')}` }) };
const hub = await startHub(loadConfig(env, channelSettingsSchemas(), () => undefined), { logger: pino({ level: 'silent' }) });
globalThis.gc?.();
const memory = process.memoryUsage();
console.log(JSON.stringify({ role, encoder, rssMB: Math.round(memory.rss / 1e6), heapUsedMB: Math.round(memory.heapUsed / 1e6), externalMB: Math.round(memory.external / 1e6) }));
await hub.close();
rmSync(folder, { recursive: true, force: true });
process.exit(0);
