import pg from 'pg';
import { DirectUniqueViolation, type DirectSql, type DirectTransaction, type SqlRow, type SqlValue } from './direct-sql.ts';

/** PostgreSQL's code for unique_violation. */
const UNIQUE_VIOLATION = '23505';
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

/**
 * Prisma keeps DateTime as `timestamp(3)` holding UTC; node-postgres would read it as local time.
 * Every other type is parsed as usual.
 */
const utcTimestamps: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * DirectSql on the pool Prisma's adapter uses. Statements are named, so each pooled connection prepares a
 * text once; `?` placeholders become `$1…` once per text.
 */
export function directPostgres(pool: pg.Pool): DirectSql {
  const named = new Map<string, { name: string; text: string }>();
  const query = (sql: string, values: readonly SqlValue[]): pg.QueryConfig => {
    let found = named.get(sql);
    if (!found) {
      let n = 0;
      found = { name: `kefu_direct_${named.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      named.set(sql, found);
    }
    return { ...found, values: values.map(bindable), types: utcTimestamps };
  };
  const statements = (client: pg.Pool | pg.PoolClient): DirectTransaction => ({
    one: async (sql, values) => (await translate(client.query<SqlRow>(query(sql, values)))).rows[0],
    run: async (sql, values) => (await translate(client.query(query(sql, values)))).rowCount ?? 0,
  });
  return {
    ...statements(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(statements(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
          throw error;
        }
      } finally {
        client.release(broken);
      }
    },
  };
}

/** Dates as UTC text (a `timestamp` column ignores the zone), JSON as text. */
function bindable(value: SqlValue): string | number | null {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return value.json;
  return value;
}

async function translate<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) throw new DirectUniqueViolation((error as Error).message, { cause: error });
    throw error;
  }
}
