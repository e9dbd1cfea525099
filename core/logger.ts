import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Secrets and message bodies never reach the log by default: known secret fields are
 * redacted wherever they appear, and the code logs ids and lengths rather than customer text.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kefu-hub' },
      redact: {
        paths: [
          '*.botToken', '*.webhookSecret', '*.inboundSecret', '*.outboundSecret', '*.apiKey', '*.password',
          '*.token', '*.authorization', 'headers.authorization', 'headers["x-telegram-bot-api-secret-token"]',
          'headers["x-kefu-signature"]', '*.text', 'text',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
