/**
 * Creates the next migration of every provider with the wasm schema engine (offline; `prisma migrate dev`
 * needs the native engine binary, which cannot be downloaded here).
 *
 *     npx tsx prisma/tools/new-migration.ts <name>
 *
 * The migration is the difference between prisma/migrated-models.prisma (the models as of the newest
 * committed migration) and prisma/models.prisma; afterwards the snapshot is updated and both provider
 * schemas are rewritten. test/prisma/migrations.test.ts fails while models and snapshot differ.
 *
 * The PostgreSQL diff reads no tables, but the engine does connect to a server at start-up:
 * DIFF_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DATABASE_PROVIDERS, type DatabaseProvider } from '../../core/storage/driver-adapter.ts';
import { isMainModule, MIGRATED_MODELS_PATH, migrationsDir, MODELS_PATH, REPO_ROOT, schemaPath } from './layout.ts';
import { migrationLockToml, NO_SCHEMA_FILTER } from './migrations.ts';
import { renderSchema, writeSchemas } from './schemas.ts';
import { withSchemaEngine } from './schema-engine.ts';

/** A PostgreSQL server the engine may connect to; nothing is written to it. */
const DIFF_POSTGRES_URL = process.env.DIFF_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Prisma writes Json defaults unquoted for SQLite (`DEFAULT {}`), which SQLite rejects
 * (prisma/prisma#26571, open). Quoting them gives the intended text default.
 */
export function quoteSqliteJsonDefaults(sql: string): string {
  return sql.replace(
    /^(.*"[^"]+" JSONB\b.* DEFAULT )([[{].*?)([,;]?)$/gm,
    (_line, head: string, value: string, end: string) => `${head}'${value.replace(/'/g, "''")}'${end}`,
  );
}

/**
 * SQL that takes a database built from `fromModels` (null: an empty database) to one built from
 * `toModels`; '' when they match. Both sides are schema text, so no tables are read: the wasm engine
 * cannot describe a live PostgreSQL schema over @prisma/adapter-pg ("Column type 'char' could not be
 * deserialized"), and it replays SQLite history through a single-statement call that rejects scripts.
 */
export async function migrationSqlBetween(
  provider: DatabaseProvider,
  fromModels: string | null,
  toModels: string,
): Promise<string> {
  const schema = { path: schemaPath(provider), content: renderSchema(provider, toModels) };
  // The PostgreSQL engine asks the server for its version at start-up, so it needs a live server (only
  // read from); SQLite needs nothing.
  const database = provider === 'sqlite' ? { offline: provider } : { url: DIFF_POSTGRES_URL };
  const sql = await withSchemaEngine(schema, database, async (engine) => {
    const { stdout } = await engine.diff({
      from: fromModels === null
        ? { tag: 'empty' }
        : { tag: 'schemaDatamodel', files: [{ path: schema.path, content: renderSchema(provider, fromModels) }] },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_SCHEMA_FILTER,
    });
    return stdout ?? '';
  });
  if (!/^\s*[A-Z]/m.test(sql)) return ''; // only comments: "-- This is an empty migration."
  return provider === 'sqlite' ? quoteSqliteJsonDefaults(sql) : sql;
}

/** `20260125093000`: the sortable UTC timestamp prefix the Prisma CLI gives migration folders. */
function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

async function readIfExists(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}

async function main(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error('usage: tsx prisma/tools/new-migration.ts <name>  (lower-case letters, digits, _)');
  }
  const models = await readFile(MODELS_PATH, 'utf8');
  const migrated = await readIfExists(MIGRATED_MODELS_PATH);
  await writeSchemas();
  const folder = `${timestamp(new Date())}_${name}`;
  for (const provider of DATABASE_PROVIDERS) {
    const sql = await migrationSqlBetween(provider, migrated, models);
    if (sql === '') {
      console.log(`${provider}: no schema change, nothing to write`);
      continue;
    }
    const dir = join(migrationsDir(provider), folder);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'migration.sql'), sql);
    await writeFile(join(migrationsDir(provider), 'migration_lock.toml'), migrationLockToml(provider));
    console.log(`${provider}: wrote ${relative(REPO_ROOT, join(dir, 'migration.sql'))}`);
  }
  await writeFile(MIGRATED_MODELS_PATH, models);
}

if (isMainModule(import.meta.url)) await main(process.argv[2]);
