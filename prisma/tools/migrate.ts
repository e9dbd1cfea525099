/**
 * Applies the committed migrations that a database has not had yet, with the wasm schema engine over our
 * driver adapters: offline, no engine binary, no Node flag. Records them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does, so the two can be used on the same database.
 *
 *     DATABASE_URL=postgresql://user@host/db npx tsx prisma/tools/migrate.ts
 *     npx tsx prisma/tools/migrate.ts            (default DATABASE_URL file:./data/kefu.db)
 */
import { readFile } from 'node:fs/promises';
import { providerOfUrl } from '../../core/storage/driver-adapter.ts';
import { isMainModule, schemaPath } from './layout.ts';
import { appliedMigrationNames } from './applied-migrations.ts';
import { loadMigrations, NO_SCHEMA_FILTER } from './migrations.ts';
import { withSchemaEngine } from './schema-engine.ts';

/** Where a fresh install keeps its SQLite database when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = 'file:./data/kefu.db';

/**
 * Brings the database at `databaseUrl` up to the newest committed migration of its provider. Safe to run
 * at every start: migrations already applied are skipped, so a second call applies nothing. For SQLite the
 * file and its folder are created when missing.
 *
 * @returns the names of the migrations applied by this call, oldest first
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const provider = providerOfUrl(databaseUrl);
  const path = schemaPath(provider);
  const schema = { path, content: await readFile(path, 'utf8') };
  const migrationsList = await loadMigrations(provider);
  const applied = await appliedMigrationNames(databaseUrl);
  // Nothing to do is the common case at every start; skip the engine and its exclusive SQLite lock.
  if (migrationsList.migrationDirectories.every((migration) => applied.has(migration.path))) return [];
  return withSchemaEngine(schema, { url: databaseUrl }, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_SCHEMA_FILTER });
    return appliedMigrationNames;
  });
}

if (isMainModule(import.meta.url)) {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const applied = await applyMigrations(url);
  // The URL may hold a password: name the provider only.
  console.log(
    applied.length === 0
      ? `${providerOfUrl(url)}: database is up to date`
      : `${providerOfUrl(url)}: applied ${applied.join(', ')}`,
  );
}
