/**
 * From a database URL to the Prisma driver adapter that talks to it. Shared by the runtime client
 * (core/storage/database.ts) and the migration tools, which must not load a generated Prisma client.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { ConfigError } from '../errors.ts';

/** The databases Kefu Hub runs on: SQLite for one small install, PostgreSQL for more. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

/** Every supported provider, in the order tests run them. */
export const DATABASE_PROVIDERS: readonly DatabaseProvider[] = ['sqlite', 'postgresql'];

/**
 * Reads the provider from the URL scheme: `file:` is SQLite, `postgres://` and `postgresql://` are
 * PostgreSQL. Anything else is a configuration mistake, reported at start-up rather than at first query.
 */
export function providerOfUrl(url: string): DatabaseProvider {
  if (url.startsWith('file:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgresql';
  throw new ConfigError(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(':')[0]}:…"`,
  );
}

/**
 * The file path of a `file:` URL, relative paths resolved against the working directory, as Prisma's
 * SQLite adapter does. Query strings (`?connection_limit=…`) are not part of the path.
 */
export function sqlitePathOfUrl(url: string): string {
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  if (path === '') throw new ConfigError('DATABASE_URL file: needs a path, e.g. file:./data/kefu.db');
  return path;
}

/**
 * How long a SQLite write waits for another connection's lock before failing with SQLITE_BUSY.
 * @defaultValue 5000 ms; long enough for a migration or a burst of webhook writes from a second process.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** A driver adapter factory for `new PrismaClient({ adapter })` and for the wasm schema engine. */
export type DriverAdapterFactory = PrismaBetterSqlite3 | PrismaPg;

/**
 * Builds the adapter factory for `url`. For SQLite it creates the database file's folder first, since a
 * fresh install has no data/ folder and SQLite will not create one. No connection is opened here.
 */
export function createDriverAdapter(url: string): DriverAdapterFactory {
  if (providerOfUrl(url) === 'postgresql') return new PrismaPg({ connectionString: url });
  const path = sqlitePathOfUrl(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return new PrismaBetterSqlite3({ url: path, timeout: SQLITE_BUSY_TIMEOUT_MS });
}
