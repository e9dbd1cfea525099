/**
 * The Prisma schema engine compiled to WebAssembly, driven over our driver adapters: migrations without the
 * native engine binary, which cannot be downloaded offline.
 *
 * The package's own entry point imports its `.wasm` file as an ES module, which Node 20 only allows with
 * --experimental-wasm-modules. We instantiate the wasm ourselves from its wasm-bindgen glue instead, so
 * no Node flag is needed anywhere.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  mockMigrationAwareAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { createDriverAdapter, type DatabaseProvider } from '../../core/storage/driver-adapter.ts';

export type { SchemaEngine };

let loaded: Promise<typeof glue.SchemaEngine> | undefined;

/**
 * The engine arms a timer for each lock it takes (10 s advisory-lock timeout on PostgreSQL) and never
 * clears it, which kept a finished `migrate.ts` alive for 10 s. Unref'd timers still fire, but do not hold
 * the process open.
 */
function withUnrefTimers(imports: typeof glue): WebAssembly.ModuleImports {
  const patched: WebAssembly.ModuleImports = { ...(imports as unknown as WebAssembly.ModuleImports) };
  for (const name of Object.keys(imports)) {
    if (!name.startsWith('__wbg_setTimeout_')) continue;
    patched[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return patched;
}

/** Compiles and starts the wasm module once per process (about 5 MB; the glue keeps one instance). */
function loadSchemaEngine(): Promise<typeof glue.SchemaEngine> {
  loaded ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    // The wasm imports every glue function from the module it was built next to.
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return loaded;
}

/** A live database, or none: enough for diffs between schema texts, which read no database. */
export type EngineDatabase = { url: string } | { offline: DatabaseProvider };

function adapterFactoryFor(database: EngineDatabase): SqlMigrationAwareDriverAdapterFactory {
  if ('url' in database) return createDriverAdapter(database.url);
  return mockMigrationAwareAdapterFactory(database.offline === 'postgresql' ? 'postgres' : 'sqlite');
}

/**
 * Runs `use` with a schema engine for `schema` over `database`, then frees the engine and closes every
 * connection it opened (the engine leaves its connection open, which would keep a pg pool, and so the
 * process, alive).
 *
 * @param schema - path (for messages only) and text of the provider's schema.prisma
 */
export async function withSchemaEngine<T>(
  schema: { path: string; content: string },
  database: EngineDatabase,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const inner = adapterFactoryFor(database);
  const opened: SqlDriverAdapter[] = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    ...inner,
    connect: async () => {
      const adapter = await inner.connect();
      if ('url' in database) opened.push(adapter); // the offline mock cannot be disposed
      return adapter;
    },
    // Our tools never need one (see new-migration.ts); adapter-pg's would connect back to the main
    // database, since pg lets the connection string's database win over the `database` option.
    connectToShadowDb: () => Promise.reject(new Error('kefu-hub: the schema engine asked for a shadow database')),
  };
  const Engine = await loadSchemaEngine();
  // The log callback receives verbose JSON lines; errors still arrive as rejected promises.
  const engine = await Engine.new(
    { datamodels: [[schema.path, schema.content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await use(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}
