/**
 * Plain SQL on the hub's connections (core/storage/direct/) must write exactly what Prisma would read back —
 * dates, JSON, nulls — on both databases, roll back as a unit, report unique violations as Prisma does, and
 * on SQLite never interleave with a Prisma transaction on the same connection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectUniqueViolation, jsonValue, dateColumn, jsonColumn } from '../../../core/storage/direct/direct-sql.ts';
import { newRowId } from '../../../core/storage/direct/new-id.ts';
import { DATABASE_PROVIDERS } from '../../../core/storage/driver-adapter.ts';
import { isUniqueViolation } from '../../../core/storage/unique-violation.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

class PlannedFailure extends Error {}

const AT = new Date('2026-12-02T19:50:01.234Z');

for (const provider of DATABASE_PROVIDERS) {
  describe(`direct SQL on ${provider}`, () => {
    let testDb: TestDatabase;
    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
    });
    afterEach(async () => {
      await testDb?.drop();
    });

    const insertContact = (id: string, attributes: unknown = {}) =>
      testDb.database.direct.transaction((tx) =>
        tx.run('INSERT INTO "Contact" ("id", "displayName", "locale", "attributes", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)', [id, '小王 "Wang"', null, jsonValue(attributes), AT, AT]),
      );

    it('writes dates, JSON and nulls that Prisma reads back unchanged, and reads them back itself', async () => {
      const id = newRowId();
      expect(await insertContact(id, { tier: 'gold', orders: [1, 2], note: '发票' })).toBe(1);
      const read = await testDb.database.prisma.contact.findUniqueOrThrow({ where: { id } });
      expect(read).toMatchObject({ displayName: '小王 "Wang"', locale: null, vip: false, attributes: { tier: 'gold', orders: [1, 2], note: '发票' } });
      expect(read.createdAt.toISOString()).toBe(AT.toISOString());
      const again = await testDb.database.direct.transaction((tx) => tx.one('SELECT "createdAt", "attributes", "locale" FROM "Contact" WHERE "id" = ?', [id]));
      expect(dateColumn(again?.createdAt).toISOString()).toBe(AT.toISOString());
      expect(jsonColumn(again?.attributes)).toEqual({ tier: 'gold', orders: [1, 2], note: '发票' });
      expect(again?.locale).toBeNull();
    });

    it('reads back a row Prisma wrote', async () => {
      const created = await testDb.database.prisma.contact.create({ data: { displayName: 'p', createdAt: AT } });
      const row = await testDb.database.direct.transaction((tx) => tx.one('SELECT "createdAt" FROM "Contact" WHERE "id" = ?', [created.id]));
      expect(dateColumn(row?.createdAt).toISOString()).toBe(AT.toISOString());
    });

    it('rolls back every statement of a transaction that throws', async () => {
      const id = newRowId();
      await expect(
        testDb.database.direct.transaction(async (tx) => {
          await tx.run('INSERT INTO "Contact" ("id", "createdAt", "updatedAt") VALUES (?, ?, ?)', [id, AT, AT]);
          throw new PlannedFailure('after the insert');
        }),
      ).rejects.toBeInstanceOf(PlannedFailure);
      expect(await testDb.database.prisma.contact.count()).toBe(0);
    });

    it('reports a unique violation as Prisma does, and leaves nothing of that transaction', async () => {
      const id = newRowId();
      await insertContact(id);
      const second = newRowId();
      const failure = await testDb.database.direct
        .transaction(async (tx) => {
          await tx.run('INSERT INTO "Contact" ("id", "createdAt", "updatedAt") VALUES (?, ?, ?)', [second, AT, AT]);
          await tx.run('INSERT INTO "Contact" ("id", "createdAt", "updatedAt") VALUES (?, ?, ?)', [id, AT, AT]);
        })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DirectUniqueViolation);
      expect(isUniqueViolation(failure)).toBe(true);
      expect(await testDb.database.prisma.contact.count()).toBe(1);
      // The connection is usable afterwards (no transaction left open on it).
      expect(await insertContact(newRowId())).toBe(1);
    });

    it('never runs inside a Prisma transaction that is open at the same time', async () => {
      let insideWritten!: () => void;
      const written = new Promise<void>((resolve) => (insideWritten = resolve));
      const failing = testDb.database.prisma.$transaction(async (tx) => {
        await tx.contact.create({ data: { displayName: 'rolled back' } });
        insideWritten();
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new PlannedFailure('rolled back');
      });
      await written;
      const direct = insertContact(newRowId());
      await expect(failing).rejects.toBeInstanceOf(PlannedFailure);
      expect(await direct).toBe(1);
      const names = (await testDb.database.prisma.contact.findMany()).map((contact) => contact.displayName);
      expect(names).toEqual(['小王 "Wang"']);
    });
  });
}

describe('newRowId', () => {
  it('looks like a Prisma cuid, sorts by time, and does not repeat', () => {
    const ids = Array.from({ length: 2000 }, (_, n) => newRowId(1_700_000_000_000 + Math.floor(n / 100)));
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const later = newRowId(1_700_000_000_000 + 60_000);
    expect([...ids, later].sort().at(-1)).toBe(later);
  });
});
