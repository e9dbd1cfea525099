import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.ts';

function capture(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(level, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with the service name and the level chosen', () => {
    const { logger, lines } = capture('warn');
    logger.info('not shown');
    logger.warn({ inbox: 'telegram' }, 'shown');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 'kefu-hub', inbox: 'telegram', msg: 'shown', level: 40 });
  });

  it('never prints secrets or customer text, wherever they sit in the logged object', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        settings: { botToken: '123:SECRET-token', webhookSecret: 'hook-secret', inboundSecret: 'in-secret', apiKey: 'sk-secret' },
        headers: { authorization: 'Bearer sk-secret', 'x-telegram-bot-api-secret-token': 'hook-secret' },
        message: { text: '我的手机号是13800000000' },
        text: 'my card number is 4111',
      },
      'inbound',
    );
    const printed = JSON.stringify(lines[0]);
    for (const secret of ['SECRET-token', 'hook-secret', 'in-secret', 'sk-secret', '13800000000', '4111']) expect(printed).not.toContain(secret);
    expect(printed).toContain('[redacted]');
  });
});
