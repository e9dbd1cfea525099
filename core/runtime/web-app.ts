import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/database.ts';

/** A router the composition root mounts at a path (agent desks, the admin page, /metrics). */
export interface Mount {
  path: string;
  router: Router;
}

export interface WebAppOptions {
  db: Db;
  logger: Logger;
  webhooks: Router;
  /** Mounted after the webhooks and before the 404 and error handlers. */
  mounts?: readonly Mount[];
  /** Facts for the health answer (role, queue backend, database provider). */
  healthDetails: Record<string, string>;
}

/**
 * The HTTP surface: webhooks, a health check, and whatever the composition root mounts. The 404 and error
 * handlers come last, so mounted routers (Bolt's, the admin page's) are reached.
 */
export function createWebApp(options: WebAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      await options.db.$queryRaw`SELECT 1`;
      res.json({ status: 'ok', checks: { database: 'ok' }, ...options.healthDetails });
    } catch (error) {
      options.logger.error({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', checks: { database: 'unreachable' }, ...options.healthDetails });
    }
  });
  app.use('/webhooks', options.webhooks);
  for (const mount of options.mounts ?? []) app.use(mount.path, mount.router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(transportErrorHandler(options.logger));
  return app;
}

/**
 * Errors raised before a route runs (a body over the limit, a connection cut mid-body) or a bug that
 * escaped one: a JSON answer and one log line, never express's HTML page with a stack trace.
 */
function transportErrorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    const log = logger.child({ method: req.method, path: req.path, status });
    if (status >= 500) log.error({ err: error }, 'request failed');
    else log.warn({ reason: (error as { type?: string }).type ?? (error as Error).message }, 'request refused');
    if (res.headersSent) return;
    res.status(status).json({ error: status === 413 ? 'payload_too_large' : status >= 500 ? 'internal' : 'bad_request' });
  };
}

/** body-parser's errors carry the HTTP status they mean (413, 400, 415); anything else is ours: 500. */
function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
