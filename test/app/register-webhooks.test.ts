import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpChannelAdapter } from '../../adapters/http/index.ts';
import { wireInbox } from '../../core/channel-adapter.ts';
import { telegramAdapter } from '../../adapters/telegram/index.ts';
import { registerChannelWebhooks } from '../../app/register-webhooks.ts';
import { startTelegramBotApi, type TelegramBotApi } from '../loopback/telegram-bot-api.ts';

const TOKEN = '123456:TEST-register';
let api: TelegramBotApi;
beforeEach(async () => {
  api = await startTelegramBotApi({ token: TOKEN });
});
afterEach(async () => {
  await api.close();
});

describe('registerChannelWebhooks', () => {
  const telegram = () => wireInbox(telegramAdapter, { id: 'i1', key: 'shop-bot', name: 'Shop', settings: { botToken: TOKEN, webhookSecret: 'hook_secret', apiRoot: api.apiRoot } });
  const httpSettings = { inboundSecret: 'in-secret-0123456789', outboundSecret: 'out-secret-0123456789', callbackUrl: 'https://shop.example/kefu', timeoutMs: 1000 };
  const http = wireInbox(createHttpChannelAdapter(), { id: 'i2', key: 'web', name: 'Web', settings: httpSettings });

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
