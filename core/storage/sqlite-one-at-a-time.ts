/**
 * SQLite in one process is one connection, and a transaction on it is simply "everything between BEGIN and
 * COMMIT". `@prisma/adapter-better-sqlite3` queues transactions against each other but lets any other
 * statement run at once, so a webhook's insert issued while an answer job's transaction awaits I/O became
 * part of that transaction and was rolled back with it. This wrapper gives the connection in turns: a
 * transaction holds its turn from BEGIN to COMMIT or ROLLBACK, a statement outside one waits for it.
 * (PostgreSQL needs none of this: every transaction has its own pooled connection.)
 */
import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import type { WithSqliteConnection } from './direct/direct-sqlite.ts';
import type { ThreadsLock } from './threads-lock.ts';

type SqliteConnection = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;
type SqliteTransaction = Awaited<ReturnType<SqliteConnection['startTransaction']>>;
type SqlQuery = Parameters<SqliteConnection['queryRaw']>[0];
type IsolationLevel = Parameters<SqliteConnection['startTransaction']>[0];

/** What `new PrismaClient({ adapter })` needs of a SQLite adapter factory. */
export type SqliteAdapterFactory = Pick<PrismaBetterSqlite3, 'provider' | 'adapterName' | 'connect'>;

/**
 * Wraps the SQLite adapter factory so that every connection it makes is used one statement or transaction at
 * a time; `withConnection` gives plain-SQL code (direct/) the same connection, in its turn.
 */
export function oneStatementAtATime(factory: PrismaBetterSqlite3, threadsLock?: ThreadsLock): { adapter: SqliteAdapterFactory; withConnection: WithSqliteConnection } {
  let connection: TurnTakingConnection | undefined;
  return {
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => (connection = new TurnTakingConnection(await factory.connect(), new ConnectionTurns(threadsLock))),
    },
    withConnection: (work) => {
      if (!connection) return Promise.reject(new Error('the SQLite connection is not open yet'));
      return connection.withClient(work);
    },
  };
}

/**
 * A first-come, first-served hold on the connection. Waiting callers are handed the turn directly. With a
 * ThreadsLock, a turn also holds it, so this connection and the other threads' connections to the same
 * file take turns too (threads-lock.ts says why).
 */
export class ConnectionTurns {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly threadsLock?: ThreadsLock) {}

  /** Resolves when the caller holds the turn; it must call `give()` exactly once afterwards. */
  async take(): Promise<void> {
    if (!this.#held) this.#held = true;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    if (this.threadsLock) await this.threadsLock.acquire();
  }

  give(): void {
    this.threadsLock?.release();
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }

  async inTurn<T>(work: () => Promise<T>): Promise<T> {
    await this.take();
    try {
      return await work();
    } finally {
      this.give();
    }
  }
}

class TurnTakingConnection implements SqliteConnection {
  readonly provider: SqliteConnection['provider'];
  readonly adapterName: string;
  readonly #inner: SqliteConnection;
  readonly #turns: ConnectionTurns;
  /** The driver's own handle, for plain SQL (withClient). */
  readonly #client: BetterSqlite3.Database;

  constructor(inner: SqliteConnection, turns: ConnectionTurns) {
    this.#inner = inner;
    this.#turns = turns;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.#client = driverHandleOf(inner);
    takeTheWriteLockAtBegin(this.#client);
  }

  queryRaw(query: SqlQuery): ReturnType<SqliteConnection['queryRaw']> {
    return this.#turns.inTurn(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#turns.inTurn(() => this.#inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.#turns.inTurn(() => this.#inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<SqliteTransaction> {
    await this.#turns.take();
    try {
      return new TurnHoldingTransaction(await this.#inner.startTransaction(isolationLevel), () => this.#turns.give());
    } catch (error) {
      this.#turns.give();
      throw error;
    }
  }

  dispose(): Promise<void> {
    return this.#inner.dispose();
  }

  /** The driver's own handle, for a caller that holds the turn for all of `work`. */
  withClient<T>(work: (client: BetterSqlite3.Database) => Promise<T>): Promise<T> {
    return this.#turns.inTurn(() => work(this.#client));
  }
}

/**
 * The transaction as Prisma uses it (its statements run at once: it holds the turn), giving the turn back
 * when it commits or rolls back. Prisma may call rollback after a failed COMMIT, so the turn is given once.
 */
class TurnHoldingTransaction implements SqliteTransaction {
  readonly provider: SqliteTransaction['provider'];
  readonly adapterName: string;
  readonly options: SqliteTransaction['options'];
  readonly #inner: SqliteTransaction;
  #giveTurn: (() => void) | undefined;

  constructor(inner: SqliteTransaction, giveTurn: () => void) {
    this.#inner = inner;
    this.#giveTurn = giveTurn;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  queryRaw(query: SqlQuery): ReturnType<SqliteConnection['queryRaw']> {
    return this.#inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#inner.executeRaw(query);
  }

  async createSavepoint(name: string): Promise<void> {
    await this.#inner.createSavepoint?.(name);
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.#inner.rollbackToSavepoint?.(name);
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.#inner.releaseSavepoint?.(name);
  }

  commit(): Promise<void> {
    return this.#ending(this.#inner.commit());
  }

  rollback(): Promise<void> {
    return this.#ending(this.#inner.rollback());
  }

  async #ending(finishing: Promise<void>): Promise<void> {
    try {
      await finishing;
    } finally {
      const giveTurn = this.#giveTurn;
      this.#giveTurn = undefined;
      giveTurn?.();
    }
  }
}

/**
 * The adapter opens Prisma's transactions with a plain (deferred) `BEGIN`: the write lock is taken at the
 * first write. With a second connection on the file (the worker thread's, another process's), a
 * transaction that read first then finds the file changed and fails with SQLITE_BUSY at once, the busy
 * timeout notwithstanding. `BEGIN IMMEDIATE` takes the lock up front, so the other writer waits instead.
 * The adapter prepares that statement by its text, so its connection's `prepare` is given the other text.
 */
function takeTheWriteLockAtBegin(client: BetterSqlite3.Database): void {
  const prepare = client.prepare.bind(client);
  client.prepare = ((source: string) => prepare(source === 'BEGIN' ? 'BEGIN IMMEDIATE' : source)) as typeof client.prepare;
}

/** The adapter's better-sqlite3 handle (a private field it does not type). */
function driverHandleOf(inner: SqliteConnection): BetterSqlite3.Database {
  const client = (inner as unknown as { client?: unknown }).client;
  if (!(client instanceof BetterSqlite3)) throw new Error('the SQLite adapter no longer exposes its better-sqlite3 handle');
  return client;
}
