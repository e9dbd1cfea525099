import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, type ChannelSettingsSchemas } from '../../../core/config/config.ts';
import { ConfigError } from '../../../core/errors.ts';

// Small schemas of the same kind the adapters export: a secret is required.
const schemas: ChannelSettingsSchemas = {
  telegram: z.object({ botToken: z.string().min(1), webhookSecret: z.string().min(1), apiRoot: z.string().optional() }),
  http: z.object({ inboundSecret: z.string().min(16), outboundSecret: z.string().min(16), callbackUrl: z.url() }),
};
const noFile = () => undefined;

describe('loadConfig', () => {
  it('gives the embedded default with an empty environment', () => {
    const config = loadConfig({}, schemas, noFile);
    expect(config).toMatchObject({
      role: 'all',
      port: 3000,
      databaseUrl: 'file:./data/kefu.db',
      queue: { backend: 'in-process' },
      inboxes: [],
    });
  });

  it('reads the contact-enrichment webhook only with its signing secret', () => {
    expect(loadConfig({}, schemas, noFile).enrichment).toBeUndefined();
    expect(loadConfig({ ENRICHMENT_URL: 'https://crm.example/kefu', ENRICHMENT_SECRET: 'crm-secret-0123456789' }, schemas, noFile).enrichment).toMatchObject({ url: 'https://crm.example/kefu', timeoutMs: 800 });
    expect(() => loadConfig({ ENRICHMENT_URL: 'https://crm.example/kefu' }, schemas, noFile)).toThrow(/go together/);
    expect(() => loadConfig({ ENRICHMENT_URL: 'https://crm.example/kefu', ENRICHMENT_SECRET: 'short' }, schemas, noFile)).toThrow(ConfigError);
  });

  it('switches to BullMQ on Redis when REDIS_URL is set', () => {
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgresql://localhost/kefu' }, schemas, noFile);
    expect(config.queue).toMatchObject({ backend: 'redis', redisUrl: 'redis://127.0.0.1:6379' });
  });

  it('takes METRICS_PORT for a worker only: the other roles serve /metrics on PORT', () => {
    expect(() => loadConfig({ METRICS_PORT: '9464' }, schemas, noFile)).toThrow(/METRICS_PORT is for ROLE=worker/);
    expect(loadConfig({}, schemas, noFile).metricsPort).toBeUndefined();
  });

  it('refuses a separate web or worker role without a shared queue', () => {
    expect(() => loadConfig({ ROLE: 'worker' }, schemas, noFile)).toThrow(/needs a shared queue/);
  });

  it.each(['worker', 'web'])('refuses ROLE=%s without any inbox, naming the settings to give', (role) => {
    const shared = { ROLE: role, REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgresql://localhost/kefu' };
    const error = (() => {
      try {
        loadConfig(shared, schemas, noFile);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(new RegExp(`ROLE=${role} has no inbox configured`));
    expect((error as Error).message).toMatch(/KEFU_CONFIG.*TELEGRAM_BOT_TOKEN.*HTTP_CHANNEL_CALLBACK_URL/s);
    const http = { HTTP_CHANNEL_INBOUND_SECRET: 'in-secret-0123456789', HTTP_CHANNEL_OUTBOUND_SECRET: 'out-secret-0123456789', HTTP_CHANNEL_CALLBACK_URL: 'https://shop.example/kefu' };
    expect(loadConfig({ ...shared, ...http }, schemas, noFile).inboxes.map((inbox) => inbox.key)).toEqual(['http']);
  });

  it('refuses a Telegram inbox whose webhook secret is missing', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }, schemas, noFile)).toThrow(ConfigError);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }, schemas, noFile)).toThrow(/webhookSecret/);
  });

  it('reads inboxes from the config file and fills ${VARS} from the environment', () => {
    const file = JSON.stringify({
      inboxes: [{ key: 'shop', channel: 'telegram', settings: { botToken: '${SHOP_TOKEN}', webhookSecret: 'abc_DEF-1' } }],
    });
    const config = loadConfig({ SHOP_TOKEN: '42:xyz' }, schemas, () => file);
    expect(config.inboxes).toEqual([
      { key: 'shop', channel: 'telegram', name: 'shop', answerThreshold: undefined, settings: { botToken: '42:xyz', webhookSecret: 'abc_DEF-1' } },
    ]);
  });

  it('names the missing environment variable a config file refers to', () => {
    const file = JSON.stringify({ inboxes: [{ key: 'shop', channel: 'telegram', settings: { botToken: '${SHOP_TOKEN}', webhookSecret: 's' } }] });
    expect(() => loadConfig({}, schemas, () => file)).toThrow(/SHOP_TOKEN/);
  });

  it('rejects unknown channels, duplicate keys and bad values with a message', () => {
    const unknown = JSON.stringify({ inboxes: [{ key: 'x', channel: 'fax', settings: {} }] });
    expect(() => loadConfig({}, schemas, () => unknown)).toThrow(/unknown channel "fax"/);
    const dup = JSON.stringify({
      inboxes: [
        { key: 'a', channel: 'telegram', settings: { botToken: 't', webhookSecret: 's' } },
        { key: 'a', channel: 'telegram', settings: { botToken: 't', webhookSecret: 's' } },
      ],
    });
    expect(() => loadConfig({}, schemas, () => dup)).toThrow(/unique/);
    expect(() => loadConfig({ PORT: 'eighty' }, schemas, noFile)).toThrow(/PORT/);
    expect(() => loadConfig({}, schemas, () => '{ not json')).toThrow(/not valid JSON/);
  });

  it('leaves the AI providers off unless configured, and names what is missing', () => {
    expect(loadConfig({}, schemas, noFile).ai).toBeUndefined();
    const ai = loadConfig({ AI_BASE_URL: 'https://llm.example/v1/', AI_API_KEY: 'sk-1', AI_CHAT_MODEL: 'qwen-plus' }, schemas, noFile).ai;
    expect(ai).toEqual({ baseUrl: 'https://llm.example/v1', apiKey: 'sk-1', chatModel: 'qwen-plus', embeddingsModel: undefined, timeoutMs: 5000 });
    expect(() => loadConfig({ AI_CHAT_MODEL: 'qwen-plus' }, schemas, noFile)).toThrow(/need AI_BASE_URL/);
    expect(() => loadConfig({ AI_BASE_URL: 'https://llm.example/v1', AI_CHAT_MODEL: 'm' }, schemas, noFile)).toThrow(/AI_API_KEY/);
    expect(() => loadConfig({ AI_BASE_URL: 'https://llm.example/v1', AI_API_KEY: 'k' }, schemas, noFile)).toThrow(ConfigError);
  });

  it('refuses answer thresholds in the wrong order', () => {
    expect(() => loadConfig({ ANSWER_THRESHOLD: '0.3', SUGGEST_THRESHOLD: '0.5' }, schemas, noFile)).toThrow(/must not exceed ANSWER_THRESHOLD/);
  });
});
