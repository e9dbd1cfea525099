import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContactEnricher } from '../../../core/contacts/enrichment.ts';
import type { ConversationReference } from '../../../core/messages.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const SECRET = 'crm-secret-0123456789';
const reference: ConversationReference = { channel: 'http', inboxId: 'i1', externalConversationId: 'c1', externalUserId: 'visitor-7' };

/** The business's own system: checks our signature like a receiver of the HTTP channel would, answers what the test says. */
function startCrm(answer: () => { status: number; body: string; delayMs?: number }) {
  const requests: Array<{ body: Record<string, unknown>; signed: boolean }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      const timestamp = String(req.headers['x-kefu-timestamp']);
      const expected = `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${raw}`).digest('hex')}`;
      requests.push({ body: JSON.parse(raw) as Record<string, unknown>, signed: req.headers['x-kefu-signature'] === expected });
      const { status, body, delayMs = 0 } = answer();
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(body), delayMs);
    });
  });
  return new Promise<{ url: string; requests: typeof requests; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/contacts`, requests, close: () => new Promise((done) => server.close(() => done())) }),
    ),
  );
}

describe('contact enrichment', () => {
  let testDb: TestDatabase;
  let contactId: string;
  const clock = { now: new Date('2026-12-01T10:00:00Z') };
  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
    contactId = (await testDb.database.prisma.contact.create({ data: { displayName: 'Ann' } })).id;
  });
  afterEach(async () => {
    await testDb.drop();
  });
  const contact = async () => testDb.database.prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
  const enricherFor = (url: string, timeoutMs = 2000) =>
    createContactEnricher({ db: testDb.database.prisma, fetch: globalThis.fetch, settings: { url, secret: SECRET, timeoutMs, ttlMs: 60_000 }, logger: pino({ level: 'silent' }), now: () => clock.now });

  it('asks the business with a signed request, stores the answer on the contact and trusts it until it ages', async () => {
    const crm = await startCrm(() => ({ status: 200, body: JSON.stringify({ vip: true, orderValue: 1299, tags: ['wholesale'], ignored: 'x' }) }));
    try {
      const enrich = enricherFor(crm.url);
      expect(await enrich(await contact(), reference)).toEqual({ vip: true, orderValue: 1299, tags: ['wholesale'] });
      expect(crm.requests).toEqual([{ body: { contact_id: contactId, channel: 'http', external_user_id: 'visitor-7', display_name: 'Ann' }, signed: true }]);
      expect((await contact()).vip).toBe(true);
      await enrich(await contact(), reference);
      expect(crm.requests).toHaveLength(1); // cached
      clock.now = new Date(clock.now.getTime() + 61_000);
      await enrich(await contact(), reference);
      expect(crm.requests).toHaveLength(2); // aged: asked again
    } finally {
      await crm.close();
    }
  });

  it('routes on what the contact already holds when the business is slow, failing or answers nonsense', async () => {
    let reply = { status: 200, body: JSON.stringify({ orderValue: 50 }) };
    const crm = await startCrm(() => reply);
    try {
      const enrich = enricherFor(crm.url, 200);
      expect(await enrich(await contact(), reference)).toEqual({ orderValue: 50 });
      clock.now = new Date(clock.now.getTime() + 61_000);
      reply = { status: 200, body: JSON.stringify({ orderValue: 'lots' }) };
      expect(await enrich(await contact(), reference)).toEqual({ orderValue: 50 }); // the last good answer
      reply = { status: 500, body: '{}' };
      expect(await enrich(await contact(), reference)).toEqual({ orderValue: 50 });
      reply = { status: 200, body: JSON.stringify({ vip: true }), delayMs: 20_000 } as typeof reply;
      expect(await enrich(await contact(), reference)).toEqual({ orderValue: 50 }); // timed out
    } finally {
      await crm.close();
    }
  }, 60_000);
});
