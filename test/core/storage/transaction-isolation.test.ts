/**
 * A statement outside a transaction must never become part of another caller's open transaction. On SQLite
 * the hub has one connection per process; `@prisma/adapter-better-sqlite3` queues only transactions on it,
 * so without our gate a plain insert issued while a transaction waits on I/O runs between its BEGIN and
 * ROLLBACK and is rolled back with it: a webhook's message silently lost.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_PROVIDERS } from '../../../core/storage/driver-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

class PlannedFailure extends Error {}

/**
 * How long the transaction stays open waiting for the plain insert. Without the gate the insert finishes
 * well inside it (and the test fails); with it the insert cannot finish before the transaction ends, so
 * this only bounds how long a passing run waits.
 */
const TRANSACTION_HOLD_MS = 300;

for (const provider of DATABASE_PROVIDERS) {
  describe(`statements outside a transaction on ${provider}`, () => {
    let testDb: TestDatabase;
    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
    });
    afterEach(async () => {
      await testDb?.drop();
    });

    it('survive a transaction that is open at the same time and rolls back', async () => {
      const db = testDb.database.prisma;
      let plainInsert: Promise<unknown> | undefined;
      let wroteInside!: () => void;
      const insideWritten = new Promise<void>((resolve) => (wroteInside = resolve));

      const failing = db.$transaction(async (tx) => {
        await tx.processedEvent.create({ data: { key: 'inside-rolled-back' } });
        wroteInside();
        // Awaiting I/O with the transaction open, as an answer job does; the plain insert is issued meanwhile.
        await Promise.race([insideWritten.then(() => sleep(TRANSACTION_HOLD_MS)), until(() => plainInsert)]);
        throw new PlannedFailure('planned rollback');
      });
      await insideWritten;
      plainInsert = db.processedEvent.create({ data: { key: 'plain-outside' } });

      await expect(failing).rejects.toBeInstanceOf(PlannedFailure);
      await plainInsert;
      const keys = (await db.processedEvent.findMany({ select: { key: true } })).map((row) => row.key);
      expect(keys).toEqual(['plain-outside']);
    });

    it('still see their own transactions commit and roll back', async () => {
      const db = testDb.database.prisma;
      await db.$transaction(async (tx) => {
        await tx.processedEvent.create({ data: { key: 'committed' } });
      });
      await expect(
        db.$transaction(async (tx) => {
          await tx.processedEvent.create({ data: { key: 'rolled-back' } });
          throw new PlannedFailure('planned rollback');
        }),
      ).rejects.toBeInstanceOf(PlannedFailure);
      const rows = await Promise.all([
        db.processedEvent.create({ data: { key: 'a' } }),
        db.$transaction(async (tx) => tx.processedEvent.create({ data: { key: 'b' } })),
        db.processedEvent.create({ data: { key: 'c' } }),
      ]);
      expect(rows).toHaveLength(3);
      const keys = (await db.processedEvent.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((row) => row.key);
      expect(keys).toEqual(['a', 'b', 'c', 'committed']);
    });
  });
}

/** Resolves when `pending()` names a promise and that promise settles (whichever way). */
async function until(pending: () => Promise<unknown> | undefined): Promise<void> {
  while (pending() === undefined) await sleep(1);
  await pending()?.catch(() => undefined);
}
