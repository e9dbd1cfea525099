/**
 * Group commit (core/storage/direct/group-commit.ts): transactions asked for together share one real
 * transaction, yet each keeps its own outcome — results, a unique violation, a failure rolled back alone.
 * Run on both databases: the savepoint SQL is the same on each.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectUniqueViolation, type DirectSql } from '../../../core/storage/direct/direct-sql.ts';
import { GROUP_COMMIT_MAX, withGroupCommit } from '../../../core/storage/direct/group-commit.ts';
import { DATABASE_PROVIDERS } from '../../../core/storage/driver-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

class PlannedFailure extends Error {}

for (const provider of DATABASE_PROVIDERS) {
  describe(`group commit on ${provider}`, () => {
    let testDb: TestDatabase;
    let realTransactions: number;
    let grouped: DirectSql;
    beforeEach(async () => {
      testDb = await createTestDatabase(provider);
      realTransactions = 0;
      const direct = testDb.database.direct;
      // The real connection, counting the transactions it is asked for.
      grouped = withGroupCommit({ ...direct, transaction: (work) => (realTransactions++, direct.transaction(work)) });
    });
    afterEach(async () => {
      await testDb?.drop();
    });

    const insertEvent = (key: string) => (tx: Parameters<Parameters<DirectSql['transaction']>[0]>[0]) => tx.run('INSERT INTO "ProcessedEvent" ("key") VALUES (?)', [key]);
    const storedKeys = async () => (await testDb.database.prisma.processedEvent.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((row) => row.key);

    it('commits transactions asked for in the same turn together, each resolving with its own result', async () => {
      const results = await Promise.all(['a', 'b', 'c'].map((key) => grouped.transaction(async (tx) => `${key}:${await insertEvent(key)(tx)}`)));
      expect(results).toEqual(['a:1', 'b:1', 'c:1']);
      expect(realTransactions).toBe(1);
      expect(await storedKeys()).toEqual(['a', 'b', 'c']);
    });

    it('rolls back only the member that failed: a unique violation and a thrown error reject alone', async () => {
      await testDb.database.direct.transaction(insertEvent('taken'));
      const outcomes = await Promise.allSettled([
        grouped.transaction(insertEvent('first')),
        grouped.transaction(async (tx) => (await insertEvent('half-done')(tx), await insertEvent('taken')(tx))),
        grouped.transaction(async (tx) => {
          await insertEvent('thrown-away')(tx);
          throw new PlannedFailure('planned');
        }),
        grouped.transaction(insertEvent('last')),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DirectUniqueViolation);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(PlannedFailure);
      expect(await storedKeys()).toEqual(['first', 'last', 'taken']);
    });

    it(`splits a burst into commits of at most ${GROUP_COMMIT_MAX}`, async () => {
      const keys = Array.from({ length: GROUP_COMMIT_MAX * 2 + 1 }, (_, n) => `k${String(n).padStart(3, '0')}`);
      await Promise.all(keys.map((key) => grouped.transaction(insertEvent(key))));
      expect(realTransactions).toBe(3);
      expect(await storedKeys()).toEqual(keys);
    });

    it('fails every member, and stores none, when the shared transaction itself fails', async () => {
      const direct = testDb.database.direct;
      let calls = 0;
      // The real connection, whose commit fails once (as a disk full or a lock timeout would).
      const failingCommit = withGroupCommit({
        ...direct,
        transaction: (work) => direct.transaction(async (tx) => {
          const result = await work(tx);
          if (calls++ === 0) throw new PlannedFailure('commit failed');
          return result;
        }),
      });
      const outcomes = await Promise.allSettled(['x', 'y'].map((key) => failingCommit.transaction(insertEvent(key))));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect(outcomes.map((outcome) => ((outcome as PromiseRejectedResult).reason as Error).message)).toEqual(['commit failed', 'commit failed']);
      expect(await storedKeys()).toEqual([]);
      await failingCommit.transaction(insertEvent('after'));
      expect(await storedKeys()).toEqual(['after']);
    });

    it('fails every member whose turn never came when the transaction cannot begin', async () => {
      const cannotBegin = withGroupCommit({ ...testDb.database.direct, transaction: () => Promise.reject(new PlannedFailure('database is locked')) });
      const outcomes = await Promise.allSettled(['x', 'y'].map((key) => cannotBegin.transaction(insertEvent(key))));
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect(await storedKeys()).toEqual([]);
    });

    it('starts a new group for what is asked after a group was sent', async () => {
      await grouped.transaction(insertEvent('one'));
      await grouped.transaction(insertEvent('two'));
      expect(realTransactions).toBe(2);
      expect(await storedKeys()).toEqual(['one', 'two']);
    });
  });
}
