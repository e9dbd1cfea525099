/**
 * Where each provider's schema, migrations and generated client live. One place, so the tools, the tests
 * and the runtime agree.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DatabaseProvider } from '../../core/storage/driver-adapter.ts';

/** The repository root (two levels above this file). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The shared model definition every provider schema is built from. */
export const MODELS_PATH = join(REPO_ROOT, 'prisma', 'models.prisma');

/**
 * Copy of the models as of the newest committed migration, written by new-migration.ts. The next migration
 * is the diff from it to MODELS_PATH; a test fails while the two differ (models changed, no migration).
 */
export const MIGRATED_MODELS_PATH = join(REPO_ROOT, 'prisma', 'migrated-models.prisma');

/** Folder name per provider under prisma/ and generated/. */
const FOLDER: Record<DatabaseProvider, string> = { sqlite: 'sqlite', postgresql: 'postgres' };

/** prisma/<folder>: holds schema.prisma and migrations/ in the layout the Prisma CLI expects. */
export function providerDir(provider: DatabaseProvider): string {
  return join(REPO_ROOT, 'prisma', FOLDER[provider]);
}

export function schemaPath(provider: DatabaseProvider): string {
  return join(providerDir(provider), 'schema.prisma');
}

/** Prisma's default for a schema at prisma/<folder>/schema.prisma, so `prisma migrate deploy` finds it. */
export function migrationsDir(provider: DatabaseProvider): string {
  return join(providerDir(provider), 'migrations');
}

/** Output folder of `prisma generate`, relative to the schema file (as the generator block wants it). */
export function generatedOutputFromSchema(provider: DatabaseProvider): string {
  return `../../generated/${FOLDER[provider]}`;
}

/** True when the module at `moduleUrl` is the script Node was started with (`tsx prisma/tools/x.ts`). */
export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(resolve(script)).href === moduleUrl;
}
