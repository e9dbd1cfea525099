import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpChannelAdapter } from '../../../adapters/http/index.ts';
import { telegramAdapter } from '../../../adapters/telegram/index.ts';
import { registerChannelWebhooks } from '../../../core/runtime/register-webhooks.ts';
import { startTelegramBotApi, type TelegramBotApi } from '../../loopback/telegram-bot-api.ts';

const TOKEN = '123456:TEST-register';
let api: TelegramBotApi;
beforeEach(async () => {
  api = await startTelegramBotApi({ token: TOKEN });
});
afterEach(async () => {
  await api.close();
});

describe('registerChannelWebhooks', () => {
  const telegram = () => ({ key: 'shop-bot', adapter: telegramAdapter, settings: { botToken: TOKEN, webhookSecret: 'hook_secret', apiRoot: api.apiRoot, inboxId: 'i1' } });
  const http = { key: 'web', adapter: httpChannelAdapter, settings: {} };

  it('registers PUBLIC_URL/webhooks/<key> with the secret for channels that push, and skips the others', async () => {
    await registerChannelWebhooks([http, telegram()], 'https://hub.example.com', pino({ level: 'silent' }));
    expect(api.webhook).toMatchObject({ url: 'https://hub.example.com/webhooks/shop-bot', secret_token: 'hook_secret' });
    expect(api.calls.map((call) => call.method)).toEqual(['setWebhook']);
  });

  it('logs a refused registration instead of stopping the hub', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    await registerChannelWebhooks([telegram()], 'http://hub.example.com', logger);
    expect(api.webhook).toBeNull();
    expect(lines.join('')).toContain('webhook registration failed');
  });
});
