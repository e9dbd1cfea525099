import { describe, expect, it } from 'vitest';
import { readSlackDeskSettings } from '../../../adapters/slack-desk/settings.ts';
import { ConfigError } from '../../../core/errors.ts';

const complete = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'c44c180dfd2b22a7eb7d98b6096772f4', SLACK_AGENT_CHANNEL: 'C0001' };

describe('readSlackDeskSettings', () => {
  it('is off when no SLACK_ variable is set', () => {
    expect(readSlackDeskSettings({})).toBeUndefined();
  });

  it('reads a complete configuration with the default API URL', () => {
    expect(readSlackDeskSettings(complete)).toEqual({
      botToken: 'xoxb-1-2-abc', signingSecret: 'c44c180dfd2b22a7eb7d98b6096772f4', agentChannel: 'C0001', apiUrl: 'https://slack.com/api/',
    });
  });

  it('adds the trailing slash to SLACK_API_URL', () => {
    expect(readSlackDeskSettings({ ...complete, SLACK_API_URL: 'http://127.0.0.1:9/api' })?.apiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it.each(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_AGENT_CHANNEL'] as const)('refuses to start without %s, naming it', (name) => {
    const env: Record<string, string | undefined> = { ...complete, [name]: undefined };
    expect(() => readSlackDeskSettings(env)).toThrow(ConfigError);
    expect(() => readSlackDeskSettings(env)).toThrow(name);
  });

  it('refuses a channel name instead of an id and never echoes the secret', () => {
    expect(() => readSlackDeskSettings({ ...complete, SLACK_AGENT_CHANNEL: '#support' })).toThrow(/SLACK_AGENT_CHANNEL/);
    try {
      readSlackDeskSettings({ ...complete, SLACK_SIGNING_SECRET: 'short!' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('SLACK_SIGNING_SECRET');
      expect((error as Error).message).not.toContain('short!');
    }
  });
});
