/**
 * The one way the hub opens its database: the generated Prisma client of the URL's provider over its
 * driver adapter. Both providers are generated from the same models (prisma/models.prisma), so their
 * clients have the same API; the code is typed against one of them.
 */
import type { PrismaClient as SqliteClient, Prisma as SqlitePrisma } from '../../generated/sqlite/client.ts';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { DirectSql } from './direct/direct-sql.ts';
import { directPostgres } from './direct/direct-postgres.ts';
import { directSqlite } from './direct/direct-sqlite.ts';
import { createDriverAdapter, providerOfUrl, type DatabaseProvider } from './driver-adapter.ts';
import { oneStatementAtATime } from './sqlite-one-at-a-time.ts';
import type { ThreadsLock } from './threads-lock.ts';

/** The Prisma client the hub's storage code is written against (either provider). */
export type Db = SqliteClient;

/** The client handed to `db.$transaction(async (tx) => …)`. */
export type DbTransaction = SqlitePrisma.TransactionClient;

export interface Database {
  provider: DatabaseProvider;
  prisma: Db;
  /** Plain SQL on the same connections, for the webhook's hot path (direct/direct-sql.ts). */
  direct: DirectSql;
  close(): Promise<void>;
}

/**
 * A burst of webhooks can hold every pooled connection for a moment. Waiting for one answers a little late;
 * Prisma's default (give up after 2 s) answers 500 and makes the channel send the message again.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

export interface OpenOptions {
  /** SQLite: taken with every use of the connection, shared with the other threads' connections (threads-lock.ts). */
  threadsLock?: ThreadsLock;
  /**
   * SQLite: FULL syncs the log at every commit, so what was committed survives a power cut; NORMAL syncs it
   * at checkpoints, so the last commits may not (a process crash loses nothing either way). A commit of any
   * connection syncs what every connection wrote before it. @defaultValue 'FULL'
   */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

/**
 * Connects to `url` (migrations are applied separately, by prisma/tools/migrate.ts). On SQLite the file is
 * switched to WAL so web and worker processes can read while another writes.
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const provider = providerOfUrl(url);
  const { adapter, direct } = adapterWithDirectSql(url, options.threadsLock);
  // Loaded on demand: an install on SQLite never loads the PostgreSQL client, and the other way round.
  const { PrismaClient } =
    provider === 'sqlite'
      ? await import('../../generated/sqlite/client.ts')
      : ((await import('../../generated/postgres/client.ts')) as unknown as typeof import('../../generated/sqlite/client.ts'));
  const prisma = new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  await prisma.$connect();
  if (provider === 'sqlite') {
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    // Said explicitly: better-sqlite3's build turns an unset connection to NORMAL once it opens the WAL.
    await prisma.$queryRawUnsafe(`PRAGMA synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  }
  return { provider, prisma, direct, close: () => prisma.$disconnect() };
}

/** The Prisma adapter for `url` and plain SQL over the same connection (SQLite) or pool (PostgreSQL). */
function adapterWithDirectSql(url: string, threadsLock: ThreadsLock | undefined) {
  const factory = createDriverAdapter(url);
  if (factory instanceof PrismaBetterSqlite3) {
    // One SQLite connection is shared by every request of the thread: see sqlite-one-at-a-time.ts.
    const shared = oneStatementAtATime(factory, threadsLock);
    return { adapter: shared.adapter, direct: directSqlite(shared.withConnection) };
  }
  // Prisma ends the pool it was given on $disconnect (disposeExternalPool), as it would its own.
  const pool = new pg.Pool({ connectionString: url });
  return { adapter: new PrismaPg(pool, { disposeExternalPool: true }), direct: directPostgres(pool) };
}
