/**
 * Generates the Prisma client of every provider into generated/<folder> (git-ignored).
 *
 *     npx tsx prisma/tools/generate.ts        (npm run db:generate, and postinstall)
 *
 * `prisma generate` does not need the schema engine, but the CLI still tries to download its binary and fails
 * without internet. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file stops the download; we create
 * an empty placeholder unless the user set the variable to a real engine.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { DATABASE_PROVIDERS } from '../../core/storage/driver-adapter.ts';
import { REPO_ROOT, schemaPath } from './layout.ts';

const prismaCli = join(dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build', 'index.js');

async function schemaEngineEnv(): Promise<NodeJS.ProcessEnv> {
  if (process.env.PRISMA_SCHEMA_ENGINE_BINARY) return process.env;
  const placeholder = join(tmpdir(), 'kefu-hub-no-schema-engine');
  await writeFile(placeholder, '');
  return { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: placeholder };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], { cwd: REPO_ROOT, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(' ')} exited with ${code}`)),
    );
  });
}

const env = { ...(await schemaEngineEnv()), PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
for (const provider of DATABASE_PROVIDERS) {
  await run(['generate', '--schema', relative(REPO_ROOT, schemaPath(provider))], env);
}
