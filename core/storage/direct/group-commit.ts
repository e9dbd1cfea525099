/**
 * Group commit for SQLite: transactions asked for in the same turn of the event loop run as savepoints of
 * one transaction, so a burst of webhooks pays for one BEGIN, one COMMIT and one sync of the log instead of
 * one each (with synchronous=FULL the sync is most of a small transaction's time, and the other thread's
 * connection waits for it). Each caller still gets its own outcome: a transaction that throws is rolled
 * back to its savepoint and rejects alone; the others commit. None resolves before the commit.
 *
 * PostgreSQL does not need this: each transaction has its own pooled connection and the server groups
 * commits itself.
 */
import type { DirectSql, DirectTransaction } from './direct-sql.ts';

/** Most transactions one commit carries: a burst larger than this is split, so no commit holds the lock long. */
export const GROUP_COMMIT_MAX = 64;

interface Waiting {
  work: (tx: DirectTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** `direct` whose `transaction` joins the current group; `one` and `run` are `direct`'s own. */
export function withGroupCommit(direct: DirectSql): DirectSql {
  let waiting: Waiting[] = [];
  let flushScheduled = false;

  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    // After the poll phase: every request read in this turn of the event loop has joined by then.
    setImmediate(() => {
      flushScheduled = false;
      const group = waiting.splice(0, GROUP_COMMIT_MAX);
      if (waiting.length > 0) scheduleFlush();
      void commitGroup(direct, group);
    });
  };

  return {
    ...direct,
    transaction: <T>(work: (tx: DirectTransaction) => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
        scheduleFlush();
      }),
  };
}

async function commitGroup(direct: DirectSql, group: readonly Waiting[]): Promise<void> {
  const committed: Array<{ member: Waiting; result: unknown }> = [];
  const failedAlone = new Set<Waiting>();
  try {
    await direct.transaction(async (tx) => {
      for (const member of group) {
        await tx.run('SAVEPOINT group_member', []);
        try {
          const result = await member.work(tx);
          await tx.run('RELEASE SAVEPOINT group_member', []);
          committed.push({ member, result });
        } catch (error) {
          await tx.run('ROLLBACK TO SAVEPOINT group_member', []);
          await tx.run('RELEASE SAVEPOINT group_member', []);
          // Its writes are undone already; the rest of the group goes on.
          failedAlone.add(member);
          member.reject(error);
        }
      }
    });
  } catch (error) {
    // BEGIN, COMMIT or a savepoint failed: nothing of the group was stored, and every member not already
    // failed on its own learns it (including those whose turn never came).
    for (const member of group) if (!failedAlone.has(member)) member.reject(error);
    return;
  }
  for (const { member, result } of committed) member.resolve(result);
}
