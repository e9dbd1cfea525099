import type { TokenStore } from '../../adapters/wechat-shared/contract.ts';

/**
 * The TokenStore contract held in a Map, for adapter tests that need no database. Records every write so a
 * test can see how often a token was fetched. (The database-backed store is core's; this is a second
 * implementation of the same three-method interface, not a mock of it.)
 */
export function createMemoryTokenStore(): TokenStore & { entries: Map<string, { value: string; expiresAt: Date }>; writes: string[] } {
  const entries = new Map<string, { value: string; expiresAt: Date }>();
  const writes: string[] = [];
  return {
    entries,
    writes,
    get: async (key) => entries.get(key),
    set: async (key, value, expiresAt) => {
      writes.push(key);
      entries.set(key, { value, expiresAt });
    },
    delete: async (key) => void entries.delete(key),
  };
}
