/**
 * Remembers which deliveries a desk already handled, so a vendor's retry (Slack's same `event_id` with
 * `X-Slack-Retry-Num`, WeCom's re-sent MsgId) changes nothing the second time.
 *
 * The hub backs it with the database (a unique key insert), so every web process shares it; the in-memory
 * one below is for tests only.
 */
export interface DedupeStore {
  /** Records `key` and says whether it had been recorded before (true = a repeat: skip it). */
  seen(key: string): Promise<boolean>;
}

/** For tests: a DedupeStore in a Set, lost on restart and not shared between processes. */
export function createMemoryDedupeStore(): DedupeStore & { keys: ReadonlySet<string> } {
  const keys = new Set<string>();
  return {
    keys,
    async seen(key) {
      if (keys.has(key)) return true;
      keys.add(key);
      return false;
    },
  };
}
