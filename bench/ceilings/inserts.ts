/**
 * Database ceilings: single-row inserts, each its own transaction, as the hub's webhook stores one
 * message. SQLite through better-sqlite3 in WAL mode (the hub's mode; `synchronous` FULL is SQLite's
 * default and the hub's, NORMAL shown for comparison); PostgreSQL through a pg.Pool of 10 with 10 in flight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../prisma/tools/postgres-admin.ts';
import type { Cleanup } from '../lib/cleanup.ts';

const ROW_TEXT = 'where is my order? I paid three days ago and the tracking page still says processing. '.repeat(2);

export function measureSqliteInserts(rows: number, synchronous: 'FULL' | 'NORMAL', cleanup: Cleanup): number {
  const folder = mkdtempSync(join(tmpdir(), 'kefu-bench-sqlite-'));
  cleanup.add('SQLite ceiling file', () => rmSync(folder, { recursive: true, force: true }));
  const db = new Sqlite(join(folder, 'ceiling.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.exec('CREATE TABLE message (id TEXT PRIMARY KEY, inbox_id TEXT NOT NULL, external_id TEXT NOT NULL, text TEXT NOT NULL, created_at INTEGER NOT NULL, UNIQUE (inbox_id, external_id))');
    const insert = db.prepare('INSERT INTO message (id, inbox_id, external_id, text, created_at) VALUES (?, ?, ?, ?, ?)');
    const started = performance.now();
    for (let n = 0; n < rows; n++) insert.run(`id-${n}`, 'inbox', `m-${n}`, ROW_TEXT, Date.now());
    return rows / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

export async function measurePostgresInserts(adminUrl: string, rows: number, cleanup: Cleanup): Promise<number> {
  const name = randomDatabaseName('kefu_bench_ceiling');
  const url = await createDatabase(adminUrl, name);
  cleanup.add('PostgreSQL ceiling database', () => dropDatabase(adminUrl, name));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  try {
    await pool.query('CREATE TABLE message (id TEXT PRIMARY KEY, inbox_id TEXT NOT NULL, external_id TEXT NOT NULL, text TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, UNIQUE (inbox_id, external_id))');
    let next = 0;
    const inserter = async () => {
      while (next < rows) {
        const n = next++;
        await pool.query('INSERT INTO message (id, inbox_id, external_id, text, created_at) VALUES ($1, $2, $3, $4, now())', [`id-${n}`, 'inbox', `m-${n}`, ROW_TEXT]);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 10 }, inserter));
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}
