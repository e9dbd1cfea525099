/**
 * The admin router on a real database behind a loopback HTTP server, with one account per role, the real
 * knowledge base for "try it", and a small figures provider standing in for admin/numbers (another
 * worktree) until the composition root wires the real modules.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { KnowledgeBase } from '../../../bot/knowledge-base.ts';
import { trainMatcher } from '../../../bot/matcher/index.ts';
import { DEFAULT_THRESHOLDS } from '../../../core/routing/policy.ts';
import type { DatabaseProvider } from '../../../core/storage/driver-adapter.ts';
import { createOrUpdateAdmin } from '../../../admin/auth/admin-users.ts';
import type { AdminRole } from '../../../admin/auth/roles.ts';
import type { AdminDependencies } from '../../../admin/dependencies.ts';
import type { ReportNumbers } from '../../../admin/reports/numbers-port.ts';
import { createAdminRouter } from '../../../admin/router.ts';
import { createTryIt } from '../../../admin/try-it.ts';
import { createAnswerEngine } from '../../../bot/answer-engine.ts';
import { DEFAULT_ROUTING_RULES } from '../../../core/routing/policy.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

export const PASSWORD = 'correct horse battery staple';
export const ROLES: readonly AdminRole[] = ['viewer', 'editor', 'admin'];

export interface AdminApp {
  url: string;
  db: TestDatabase;
  deps: AdminDependencies;
  clock: { now: Date };
  retrains: number;
  close(): Promise<void>;
}

/** Deterministic figures from the database, in the shapes admin/numbers returns. */
export const testNumbers: ReportNumbers = {
  async dashboardFigures(db, range) {
    const where = { createdAt: { gte: range.from, lt: range.to } };
    const [conversations, messages, escalations] = await Promise.all([db.conversation.count({ where }), db.message.count({ where }), db.escalation.count({ where })]);
    const perDay = Array.from({ length: 7 }, (_, i) => ({ day: new Date(range.from.getTime() + i * 86400_000).toISOString().slice(0, 10), conversations: conversations + i, escalations: escalations + (i % 3) }));
    return { totals: { conversations, messages, escalations, answerRate: 0.82 }, perDay };
  },
  async forecastHumanArrivals() {
    return { method: 'seasonal average of the last 8 weeks', weeksUsed: 2, perHour: Array.from({ length: 168 }, (_, h) => (h % 24 >= 9 && h % 24 < 18 ? 6 + (h % 5) : 0.5)) };
  },
  staffingPlan(input) {
    return input.forecast
      .map((arrivals, hourOfWeek) => {
        const needed = Math.ceil((arrivals * input.handleSeconds) / 3600 / (input.concurrency ?? 1) + (arrivals > 0 ? 1 : 0));
        const scheduled = input.schedule[hourOfWeek]!;
        return { hourOfWeek, arrivals, needed, scheduled, gap: needed - scheduled, scheduledServiceLevel: scheduled >= needed ? 0.9 : 0.5 };
      })
      .sort((a, b) => b.arrivals - a.arrivals || b.gap - a.gap);
  },
  async costFigures(db, range) {
    const botAnswers = await db.message.count({ where: { author: 'bot', createdAt: { gte: range.from, lt: range.to } } });
    return { botAnswers, costPerBotAnswer: 0.02, savedVsHuman: botAnswers * 1.5, perChannel: [{ channel: 'telegram', cost: 12.5 }, { channel: 'http', cost: 4 }] };
  },
};

export async function startAdminApp(provider: DatabaseProvider, options: { numbers?: boolean } = {}): Promise<AdminApp> {
  const db = await createTestDatabase(provider);
  const prisma = db.database.prisma;
  for (const role of ROLES) await createOrUpdateAdmin(prisma, { email: `${role}@example.com`, password: PASSWORD, role, name: `Test ${role}` });
  const clock = { now: new Date('2026-12-01T10:00:00Z') };
  const knowledge = new KnowledgeBase({ db: prisma, train: trainMatcher, checkEveryMs: 0 });
  const state = { retrains: 0 };
  const deps: AdminDependencies = {
    db: prisma,
    logger: pino({ level: process.env.TEST_ADMIN_LOG ?? 'silent' }),
    now: () => clock.now,
    tryIt: createTryIt(async () => ({ ...createAnswerEngine({ knowledge, logger: pino({ level: 'silent' }) }), complaintRisk: () => 0 }), { ...DEFAULT_ROUTING_RULES, answering: DEFAULT_THRESHOLDS }),
    knowledgeChanged: () => void state.retrains++,
    publicUrl: 'https://hub.example.com',
    checkInbox: async (key) => ({ ok: key === 'telegram', detail: key === 'telegram' ? 'webhook registered' : 'no answer' }),
    secureCookies: false,
    ...(options.numbers === false ? {} : { numbers: testNumbers }),
  };
  const app = express();
  app.use('/admin', createAdminRouter(deps));
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    deps,
    clock,
    get retrains() {
      return state.retrains;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.drop();
    },
  };
}

/** Signs in over HTTP like a browser form would; returns the session cookie and the page's CSRF token. */
export async function signInAs(url: string, role: AdminRole): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${url}/admin/login`);
  const loginCookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const loginCsrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const response = await fetch(`${url}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: loginCsrf, email: `${role}@example.com`, password: PASSWORD, next: '/dashboard' }),
  });
  if (response.status !== 303) throw new Error(`sign-in as ${role} answered ${response.status}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const page = await fetch(`${url}/admin/faqs`, { headers: { cookie } });
  const csrf = /"X-CSRF-Token":"([^"]+)"/.exec(await page.text())![1]!;
  return { cookie, csrf };
}

/** Posts a form as the signed-in page would (session cookie and CSRF token); redirects are not followed. */
export async function postForm(url: string, session: { cookie: string; csrf: string }, path: string, fields: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }),
  });
}
