/**
 * Creating and dropping whole PostgreSQL databases: scratch databases for migration diffs and one fresh
 * database per test suite, so nothing is ever left in a shared database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one statement on the server of `adminUrl` (CREATE/DROP DATABASE cannot run in a transaction). */
async function runAdminStatement(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `adminUrl` with its database replaced by `database`; user, host, port and options are kept. */
export function urlWithDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.href;
}

/** A name that cannot collide and needs no quoting: `<prefix>_<16 hex>`. */
export function randomDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** Creates database `name` and returns its URL. `name` must come from {@link randomDatabaseName}. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await runAdminStatement(adminUrl, `CREATE DATABASE "${name}"`);
  return urlWithDatabase(adminUrl, name);
}

/** Drops database `name`, closing any connection still open on it (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await runAdminStatement(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
