import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelApiError, ConfigError } from '../../../core/errors.ts';
import { registerWebhook, type TelegramSettings } from '../../../adapters/telegram/index.ts';
import { startTelegramBotApi, type TelegramBotApi } from '../../loopback/telegram-bot-api.ts';

const TOKEN = '123456:TEST-TOKEN';
let api: TelegramBotApi;
let settings: TelegramSettings;

beforeEach(async () => {
  api = await startTelegramBotApi({ token: TOKEN });
  settings = { botToken: TOKEN, webhookSecret: 'hook_Secret-1', apiRoot: api.apiRoot };
});
afterEach(async () => {
  await api.close();
});

describe('registerWebhook', () => {
  it('sets the webhook with the secret, the handled update types, and keeps pending updates', async () => {
    await registerWebhook(settings, 'https://hub.example.com/webhooks/inbox-1');
    expect(api.webhook).toEqual({
      url: 'https://hub.example.com/webhooks/inbox-1',
      secret_token: 'hook_Secret-1',
      allowed_updates: ['message'],
      drop_pending_updates: false,
    });
    const info = await fetch(`${api.apiRoot}/bot${TOKEN}/getWebhookInfo`).then((res) => res.json());
    expect(info).toMatchObject({ ok: true, result: { url: 'https://hub.example.com/webhooks/inbox-1', allowed_updates: ['message'] } });
  });

  it.each([
    ['plain HTTP', 'http://hub.example.com/hook'],
    ['a port Telegram does not deliver to', 'https://hub.example.com:3000/hook'],
    ['not a URL', 'hub.example.com/hook'],
  ])('refuses %s before calling Telegram', async (_name, url) => {
    await expect(registerWebhook(settings, url)).rejects.toThrow(ConfigError);
    expect(api.calls).toHaveLength(0);
  });

  it('reports a refused registration as ChannelApiError', async () => {
    await expect(registerWebhook({ ...settings, botToken: '123456:WRONG' }, 'https://hub.example.com/hook')).rejects.toBeInstanceOf(ChannelApiError);
    expect(api.webhook).toBeNull();
  });
});
