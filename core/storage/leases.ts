/**
 * Short exclusive holds shared by every process through the database: one puller per pull-channel inbox.
 * A holder that dies simply lets its lease expire.
 */
import type { Db } from './database.ts';
import { isUniqueViolation } from './unique-violation.ts';

/** True when `holder` now holds `key` until `now + ttlMs` (a new lease, an expired one taken over, or its own renewed). */
export async function acquireLease(db: Db, key: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const taken = await db.lease.updateMany({ where: { key, OR: [{ expiresAt: { lt: now } }, { holder }] }, data: { holder, expiresAt } });
  if (taken.count === 1) return true;
  try {
    await db.lease.create({ data: { key, holder, expiresAt } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function releaseLease(db: Db, key: string, holder: string): Promise<void> {
  await db.lease.deleteMany({ where: { key, holder } });
}
