/**
 * Which migrations a database has already had, read from `_prisma_migrations` over a plain driver-adapter
 * connection. Cheap, and it takes no lock: the schema engine sets SQLite's `locking_mode=EXCLUSIVE`, so
 * starting it while another hub process has the file open would wait and fail, even with nothing to apply.
 */
import { createDriverAdapter } from '../../core/storage/driver-adapter.ts';

/** Names of the migrations recorded as finished (and not rolled back); empty for a new database. */
export async function appliedMigrationNames(databaseUrl: string): Promise<Set<string>> {
  const adapter = await createDriverAdapter(databaseUrl).connect();
  try {
    const result = await adapter.queryRaw({
      sql: 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      args: [],
      argTypes: [],
    });
    return new Set(result.rows.map((row) => String(row[0])));
  } catch {
    // No _prisma_migrations table yet (a new database); any other problem surfaces in the engine's run.
    return new Set();
  } finally {
    await adapter.dispose();
  }
}
