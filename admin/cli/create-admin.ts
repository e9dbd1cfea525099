/**
 * `npm run admin:create -- --email a@b.c [--name Ann] [--role admin|editor|viewer]`: creates an admin page
 * account (or resets its password). The password is read from ADMIN_PASSWORD or, interactively, from the
 * terminal, never from the command line (shell history, `ps`).
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { channelSettingsSchemas } from '../../adapters/registry.ts';
import { loadConfig } from '../../core/config/config.ts';
import { openDatabase } from '../../core/storage/database.ts';
import { applyMigrations } from '../../prisma/tools/migrate.ts';
import { AdminAccountError, createOrUpdateAdmin } from '../auth/admin-users.ts';
import { isAdminRole } from '../auth/roles.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' } } });
const email = values.email ?? process.env.ADMIN_EMAIL;
if (!email || !isAdminRole(values.role)) {
  console.error('usage: npm run admin:create -- --email <address> [--name <name>] [--role admin|editor|viewer]');
  process.exit(64);
}
const password = process.env.ADMIN_PASSWORD ?? (await ask('password (12+ characters): '));
const config = loadConfig(process.env, channelSettingsSchemas());
await applyMigrations(config.databaseUrl);
const database = await openDatabase(config.databaseUrl);
try {
  const result = await createOrUpdateAdmin(database.prisma, { email, password, role: values.role, ...(values.name ? { name: values.name } : {}) });
  console.log(`${result.created ? 'created' : 'updated'} ${values.role} ${email.trim().toLowerCase()}`);
} catch (error) {
  if (!(error instanceof AdminAccountError)) throw error;
  console.error(error.message);
  process.exitCode = 65;
} finally {
  await database.close();
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
