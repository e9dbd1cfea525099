import type { Db } from '../storage/database.ts';

/** The desk's live load, for routing's threshold shift (core/routing/policy.ts). */
export interface DeskLoad {
  waitingEscalations: number;
  agentsOnline: number;
}

/** Reads the desk's load now: two counts. */
export async function readDeskLoad(db: Db): Promise<DeskLoad> {
  const [waitingEscalations, agentsOnline] = await Promise.all([db.escalation.count({ where: { status: 'open' } }), db.agent.count({ where: { active: true } })]);
  return { waitingEscalations, agentsOnline };
}

/**
 * The desk's load read at most once per `maxAgeMs`: it is the same for every answer of the moment, and its
 * two counts were 2 of an answer's 12 statements. Callers arriving while a read is under way share it.
 * A failed read is not kept.
 */
export function cachedDeskLoad(read: () => Promise<DeskLoad>, options: { maxAgeMs: number; now?: () => number }): () => Promise<DeskLoad> {
  const now = options.now ?? (() => performance.now());
  let latest: { at: number; load: Promise<DeskLoad> } | undefined;
  return () => {
    const at = now();
    if (latest && at - latest.at < options.maxAgeMs) return latest.load;
    const load = read();
    const entry = { at, load };
    latest = entry;
    load.catch(() => {
      if (latest === entry) latest = undefined;
    });
    return load;
  };
}
