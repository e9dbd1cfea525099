/**
 * A ROLE=all process has two SQLite connections (main thread and worker thread), and another process may
 * open a third. A Prisma transaction must take the write lock when it begins: a deferred BEGIN that reads
 * first fails with SQLITE_BUSY at its first write if another connection wrote meanwhile.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqlitePathOfUrl } from '../../../core/storage/driver-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

describe('a Prisma transaction on SQLite beside another connection', () => {
  let testDb: TestDatabase;
  let other: BetterSqlite3.Database;
  beforeEach(async () => {
    testDb = await createTestDatabase('sqlite');
    // No busy timeout: a write that would have to wait fails at once, which shows who holds the lock.
    other = new BetterSqlite3(sqlitePathOfUrl(testDb.url), { timeout: 0 });
  });
  afterEach(async () => {
    other?.close();
    await testDb?.drop();
  });

  const writeFromOther = (key: string) => other.prepare('INSERT INTO "ProcessedEvent" ("key") VALUES (?)').run(key);

  it('holds the write lock from its first statement, a read, until it commits', async () => {
    const db = testDb.database.prisma;
    let refusedInside: unknown;
    await db.$transaction(async (tx) => {
      await tx.processedEvent.findMany();
      try {
        writeFromOther('from-other-inside');
      } catch (error) {
        refusedInside = error;
      }
      await tx.processedEvent.create({ data: { key: 'from-prisma' } });
    });
    expect((refusedInside as { code?: string } | undefined)?.code).toBe('SQLITE_BUSY');
    writeFromOther('from-other-after');
    const keys = (await db.processedEvent.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((row) => row.key);
    expect(keys).toEqual(['from-other-after', 'from-prisma']);
  });
});
