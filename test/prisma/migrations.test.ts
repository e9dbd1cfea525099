import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/storage/database.ts';
import { DATABASE_PROVIDERS } from '../../core/storage/driver-adapter.ts';
import { schemaPath } from '../../prisma/tools/layout.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import { loadMigrations, NO_SCHEMA_FILTER } from '../../prisma/tools/migrations.ts';
import { withSchemaEngine } from '../../prisma/tools/schema-engine.ts';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../support/test-database.ts';

describe('migrations applied offline by the wasm schema engine', () => {
  let testDb: TestDatabase | undefined;
  afterEach(async () => {
    await testDb?.drop();
    testDb = undefined;
  });

  for (const provider of DATABASE_PROVIDERS) {
    it(`${provider}: creates every table, records them like prisma migrate deploy, and applies nothing twice`, async () => {
      testDb = await createTestDatabase(provider); // applies the migrations once
      const { migrationDirectories } = await loadMigrations(provider);
      expect(migrationDirectories.length).toBeGreaterThan(0);
      expect(await applyMigrations(testDb.url)).toEqual([]);

      const db = testDb.database.prisma;
      const recorded = await db.$queryRawUnsafe<{ migration_name: string; finished_at: unknown }[]>(
        'SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(recorded.map((row) => row.migration_name)).toEqual(migrationDirectories.map((dir) => dir.path));
      expect(recorded.every((row) => row.finished_at !== null)).toBe(true);

      // The generated client works against the migrated tables, Json columns and unique keys included.
      const inbox = await db.inbox.create({ data: { key: 'web', channel: 'http', name: 'Website' } });
      const faq = await db.faq.create({
        data: { question: 'Q?', alternatives: ['q one', '问题'], answer: 'A.', category: 'shipping', locale: 'en', updatedBy: 'test' },
      });
      expect((await db.faq.findUniqueOrThrow({ where: { id: faq.id } })).alternatives).toEqual(['q one', '问题']);
      await expect(db.inbox.create({ data: { key: 'web', channel: 'http', name: 'Again' } })).rejects.toMatchObject({ code: 'P2002' });
      expect(inbox.id).toBeTruthy();
    });
  }

  it('opens a SQLite file in WAL mode so web and worker processes can share it', async () => {
    testDb = await createTestDatabase('sqlite');
    const second = await openDatabase(testDb.url);
    try {
      const [mode] = await second.prisma.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
      expect(mode?.journal_mode).toBe('wal');
    } finally {
      await second.close();
    }
  });

  for (const provider of DATABASE_PROVIDERS) {
    it(`${provider}: upgrades a database made by an older release with the migrations it has not had`, async () => {
      const old = await createEmptyDatabase(provider);
      const list = await loadMigrations(provider);
      expect(list.migrationDirectories.length).toBeGreaterThan(1);
      const schema = { path: schemaPath(provider), content: await readFile(schemaPath(provider), 'utf8') };
      try {
        // The older release had only the first migration.
        const firstOnly = { ...list, migrationDirectories: list.migrationDirectories.slice(0, 1) };
        await withSchemaEngine(schema, { url: old.url }, (engine) => engine.applyMigrations({ migrationsList: firstOnly, filters: NO_SCHEMA_FILTER }));
        expect(await applyMigrations(old.url)).toEqual(list.migrationDirectories.slice(1).map((dir) => dir.path));
        expect(await applyMigrations(old.url)).toEqual([]);
      } finally {
        await old.remove();
      }
    });
  }
});
