import type { TokenStore } from '../channel-adapter.ts';
import type { Db } from './database.ts';

/** Channel access tokens shared by every process through the database (one fetch serves all of them). */
export function createDatabaseTokenStore(db: Db): TokenStore {
  return {
    async get(key) {
      const row = await db.cachedToken.findUnique({ where: { key } });
      return row ? { value: row.value, expiresAt: row.expiresAt } : undefined;
    },
    async set(key, value, expiresAt) {
      await db.cachedToken.upsert({ where: { key }, create: { key, value, expiresAt }, update: { value, expiresAt } });
    },
    async delete(key) {
      await db.cachedToken.deleteMany({ where: { key } });
    },
  };
}
