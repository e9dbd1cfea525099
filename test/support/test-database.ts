/**
 * A fresh, migrated database per test: a temporary SQLite file, or a new PostgreSQL database on the
 * machine's server (dropped afterwards), so suites never share rows and can run in parallel.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../core/storage/database.ts';
import type { DatabaseProvider } from '../../core/storage/driver-adapter.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../prisma/tools/postgres-admin.ts';
import { TEST_POSTGRES_URL } from './services.ts';

/** The server's database that new test databases are created from. */
const POSTGRES_ADMIN_URL = TEST_POSTGRES_URL;

export interface TestDatabase {
  url: string;
  /** An open client for the test's own assertions. */
  database: Database;
  drop(): Promise<void>;
}

export async function createTestDatabase(provider: DatabaseProvider): Promise<TestDatabase> {
  const { url, remove } = await createEmptyDatabase(provider);
  await applyMigrations(url);
  const database = await openDatabase(url);
  return {
    url,
    database,
    async drop() {
      await database.close();
      await remove();
    },
  };
}

/** A database with nothing in it (no migrations), and how to remove it. */
export function createEmptyDatabase(provider: DatabaseProvider): Promise<{ url: string; remove: () => Promise<void> }> {
  return provider === 'sqlite' ? newSqliteFile() : newPostgresDatabase();
}

async function newSqliteFile(): Promise<{ url: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'kefu-test-'));
  return { url: `file:${join(folder, 'kefu.db')}`, remove: () => rm(folder, { recursive: true, force: true }) };
}

async function newPostgresDatabase(): Promise<{ url: string; remove: () => Promise<void> }> {
  const name = randomDatabaseName('kefu_test');
  return { url: await createDatabase(POSTGRES_ADMIN_URL, name), remove: () => dropDatabase(POSTGRES_ADMIN_URL, name) };
}
