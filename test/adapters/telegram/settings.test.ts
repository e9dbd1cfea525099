import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.ts';
import { loadTelegramSettings, telegramSettingsSchema } from '../../../adapters/telegram/index.ts';

const valid = { botToken: '123456:TEST-TOKEN', webhookSecret: 'hook_Secret-1' };

describe('telegram settings', () => {
  it('defaults apiRoot to the public Bot API and binds the inbox', () => {
    expect(loadTelegramSettings(valid, 'inbox-1')).toEqual({ ...valid, apiRoot: 'https://api.telegram.org' });
  });

  it('strips a trailing slash from apiRoot, which grammY would reject', () => {
    expect(telegramSettingsSchema.parse({ ...valid, apiRoot: 'http://127.0.0.1:8081/' }).apiRoot).toBe('http://127.0.0.1:8081');
  });

  it.each([
    ['missing webhook secret', { botToken: valid.botToken }, 'webhookSecret'],
    ['missing bot token', { webhookSecret: valid.webhookSecret }, 'botToken'],
    ['secret with a character Telegram refuses', { ...valid, webhookSecret: 'has space' }, 'webhookSecret'],
    ['secret longer than 256', { ...valid, webhookSecret: 'a'.repeat(257) }, 'webhookSecret'],
    ['empty secret', { ...valid, webhookSecret: '' }, 'webhookSecret'],
    ['token without bot id', { ...valid, botToken: 'TEST-TOKEN' }, 'botToken'],
  ])('refuses to start with %s', (_name, raw, field) => {
    expect(() => loadTelegramSettings(raw, 'inbox-1')).toThrow(ConfigError);
    expect(() => loadTelegramSettings(raw, 'inbox-1')).toThrow(new RegExp(`inbox-1: .*${field}`));
  });

  it('accepts a 256-character secret, the maximum Telegram allows', () => {
    expect(telegramSettingsSchema.safeParse({ ...valid, webhookSecret: 'a'.repeat(256) }).success).toBe(true);
  });

  it('never echoes the secret in its error', () => {
    expect(() => loadTelegramSettings({ ...valid, webhookSecret: 'bad secret!' }, 'i')).not.toThrow(/bad secret!/);
  });
});
