import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebApp } from '../../../core/runtime/web-app.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

describe('web app', () => {
  let testDb: TestDatabase;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    testDb = await createTestDatabase('postgresql');
    const webhooks = express.Router();
    webhooks.use(express.raw({ type: () => true, limit: '1kb' }));
    webhooks.post('/echo', (req, res) => void res.json({ bytes: (req.body as Buffer).length }));
    webhooks.post('/bug', () => {
      throw new Error('a bug in a route');
    });
    const app = createWebApp({ db: testDb.database.prisma, logger: pino({ level: 'silent' }), webhooks, healthDetails: { role: 'web' } });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await testDb.drop().catch(() => undefined);
  });

  it('reports healthy while the database answers, and 503 once it does not', async () => {
    const healthy = await fetch(`${base}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ status: 'ok', checks: { database: 'ok' }, role: 'web' });

    await testDb.drop(); // the database disappears under the running app
    const unhealthy = await fetch(`${base}/healthz`);
    expect(unhealthy.status).toBe(503);
    expect(await unhealthy.json()).toMatchObject({ status: 'unavailable', checks: { database: 'unreachable' } });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${base}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found' });
  });

  it('answers an oversized body with a JSON 413 and a bug with a JSON 500, without leaking a stack trace', async () => {
    expect(await (await fetch(`${base}/webhooks/echo`, { method: 'POST', body: 'x'.repeat(100) })).json()).toEqual({ bytes: 100 });
    const tooLarge = await fetch(`${base}/webhooks/echo`, { method: 'POST', body: 'x'.repeat(5000) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: 'payload_too_large' });
    const bug = await fetch(`${base}/webhooks/bug`, { method: 'POST', body: '{}' });
    expect(bug.status).toBe(500);
    const text = await bug.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal' });
    expect(text).not.toContain('a bug in a route');
  });
});
