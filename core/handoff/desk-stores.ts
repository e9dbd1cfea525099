/**
 * The database behind the desks' retry dedupe and thread lookup, shared by every web process. Shaped like
 * adapters/desk-shared's DedupeStore and DeskThreadIndex (core cannot import them; the shapes match).
 */
import type { DeskRef } from '../agent-desk.ts';
import type { Db } from '../storage/database.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';
import { refNeedle, type DeskKind } from './external-ref.ts';

/** Records `key` in ProcessedEvent; true when it was there already (a retry or a replay). */
export function createDatabaseDedupeStore(db: Db, now: () => Date = () => new Date()): { seen(key: string): Promise<boolean> } {
  return {
    async seen(key) {
      try {
        await db.processedEvent.create({ data: { key, at: now() } });
        return false;
      } catch (error) {
        if (isUniqueViolation(error)) return true;
        throw error;
      }
    },
  };
}

/** Finds the escalation whose `kind` card is at `ref` (Slack: channel + ts of the card = the thread). */
export function createDatabaseThreadIndex(db: Db, kind: DeskKind): { escalationIdFor(ref: DeskRef): Promise<string | undefined> } {
  return {
    async escalationIdFor(ref) {
      const found = await db.escalation.findFirst({ where: { externalRef: { contains: refNeedle(kind, ref) } }, select: { id: true } });
      return found?.id;
    },
  };
}
