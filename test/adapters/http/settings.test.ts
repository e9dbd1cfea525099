import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.ts';
import { loadHttpChannelSettings } from '../../../adapters/http/index.ts';

const valid = { inboundSecret: 'in-secret-0123456789', outboundSecret: 'out-secret-0123456789', callbackUrl: 'https://shop.example.com/kefu' };

describe('HTTP channel settings', () => {
  it('defaults the callback timeout and binds the inbox', () => {
    expect(loadHttpChannelSettings(valid, 'web-1')).toEqual({ ...valid, timeoutMs: 10_000 });
  });

  it.each([
    ['no inbound secret', { ...valid, inboundSecret: undefined }, 'inboundSecret'],
    ['a short outbound secret', { ...valid, outboundSecret: 'short' }, 'outboundSecret'],
    ['a non-URL callback', { ...valid, callbackUrl: 'shop.example.com' }, 'callbackUrl'],
    ['a non-HTTP callback', { ...valid, callbackUrl: 'ftp://shop.example.com/' }, 'callbackUrl'],
    ['a zero timeout', { ...valid, timeoutMs: 0 }, 'timeoutMs'],
  ])('refuses to start with %s', (_name, raw, field) => {
    expect(() => loadHttpChannelSettings(raw, 'web-1')).toThrow(ConfigError);
    expect(() => loadHttpChannelSettings(raw, 'web-1')).toThrow(new RegExp(`web-1: .*${field}`));
  });
});
