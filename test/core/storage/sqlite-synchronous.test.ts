/**
 * What SQLite commits must survive a power cut where a webhook was acknowledged for it: the connection is
 * FULL unless asked otherwise. better-sqlite3's build quietly turns a connection whose setting was never
 * given to NORMAL once it opens the WAL, so the setting is read back after the database was used.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../core/storage/database.ts';
import { applyMigrations } from '../../../prisma/tools/migrate.ts';
import { createEmptyDatabase } from '../../support/test-database.ts';

const FULL = 2;
const NORMAL = 1;

describe('SQLite synchronous setting', () => {
  const opened: Database[] = [];
  const removers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    for (const remove of removers.splice(0)) await remove();
  });

  async function settingAfterUse(options: Parameters<typeof openDatabase>[1]): Promise<unknown> {
    const { url, remove } = await createEmptyDatabase('sqlite');
    removers.push(remove);
    await applyMigrations(url);
    const database = await openDatabase(url, options);
    opened.push(database);
    await database.direct.run('INSERT INTO "ProcessedEvent" ("key") VALUES (?)', ['opened-the-wal']);
    await database.prisma.processedEvent.count();
    return (await database.direct.transaction((tx) => tx.one('PRAGMA synchronous', [])))?.synchronous;
  }

  it('is FULL by default, after the WAL is in use', async () => {
    expect(await settingAfterUse({})).toBe(FULL);
  });

  it('is NORMAL when asked (a worker, whose writes recovery can redo)', async () => {
    expect(await settingAfterUse({ sqliteSynchronous: 'NORMAL' })).toBe(NORMAL);
  });
});
