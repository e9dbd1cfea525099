import type BetterSqlite3 from 'better-sqlite3';
import { DirectUniqueViolation, type DirectSql, type DirectTransaction, type SqlRow, type SqlValue } from './direct-sql.ts';

/** Runs `work` while holding the process's one SQLite connection (sqlite-one-at-a-time.ts). */
export type WithSqliteConnection = <T>(work: (client: BetterSqlite3.Database) => Promise<T>) => Promise<T>;

/**
 * DirectSql on the connection Prisma uses, in its turn: a Prisma transaction and ours never interleave.
 * `BEGIN IMMEDIATE` takes the write lock up front, so a second process's writer makes us wait (busy timeout)
 * rather than fail half-way. The statements run synchronously; prepared statements are kept per SQL text.
 */
export function directSqlite(withConnection: WithSqliteConnection): DirectSql {
  const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
  const statement = (client: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement => {
    let cache = prepared.get(client);
    if (!cache) prepared.set(client, (cache = new Map()));
    let found = cache.get(sql);
    if (!found) {
      found = client.prepare(sql);
      // The adapter turns safe integers on for the whole connection; our columns are small numbers.
      if (found.reader) found.safeIntegers(false);
      cache.set(sql, found);
    }
    return found;
  };
  const statements = (client: BetterSqlite3.Database): DirectTransaction => ({
    one: async (sql, values) => translate(() => statement(client, sql).get(...values.map(bindable)) as SqlRow | undefined),
    run: async (sql, values) => translate(() => statement(client, sql).run(...values.map(bindable)).changes),
  });
  return {
    one: (sql, values) => withConnection((client) => statements(client).one(sql, values)),
    run: (sql, values) => withConnection((client) => statements(client).run(sql, values)),
    transaction: (work) =>
      withConnection(async (client) => {
        statement(client, 'BEGIN IMMEDIATE').run();
        try {
          const result = await work(statements(client));
          statement(client, 'COMMIT').run();
          return result;
        } catch (error) {
          if (client.inTransaction) statement(client, 'ROLLBACK').run();
          throw error;
        }
      }),
  };
}

/** Values as Prisma's SQLite adapter writes them: dates as ISO text with "+00:00", JSON as text. */
function bindable(value: SqlValue): string | number | null {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (value !== null && typeof value === 'object') return value.json;
  return value;
}

function translate<T>(statement: () => T): T {
  try {
    return statement();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DirectUniqueViolation((error as Error).message, { cause: error });
    throw error;
  }
}
