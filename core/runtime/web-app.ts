import express, { type Express, type Router } from 'express';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/database.ts';

export interface WebAppOptions {
  db: Db;
  logger: Logger;
  webhooks: Router;
  /** Extra facts for the health answer (queue backend, role). */
  healthDetails: Record<string, string>;
}

/** The HTTP surface: webhooks and a health check. (#5 mounts the admin page here.) */
export function createWebApp(options: WebAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      await options.db.$queryRaw`SELECT 1`;
      res.json({ status: 'ok', database: 'ok', ...options.healthDetails });
    } catch (error) {
      options.logger.error({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', database: 'unreachable', ...options.healthDetails });
    }
  });
  app.use('/webhooks', options.webhooks);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  return app;
}
