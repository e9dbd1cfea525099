import type { DeskRef } from '../../core/agent-desk.ts';

/**
 * Which escalation a desk message belongs to: the hub stores each card's DeskRef on its Escalation
 * (`externalRef`), so a reply in a Slack thread (channel + thread_ts) finds its conversation from any process.
 */
export interface DeskThreadIndex {
  escalationIdFor(ref: DeskRef): Promise<string | undefined>;
}

/** For tests: refs registered by hand (what the hub does when it stores postCard's answer). */
export function createMemoryThreadIndex(): DeskThreadIndex & { add(ref: DeskRef, escalationId: string): void } {
  const byKey = new Map<string, string>();
  const keyOf = (ref: DeskRef): string => JSON.stringify(Object.entries(ref).sort(([a], [b]) => a.localeCompare(b)));
  return {
    add: (ref, escalationId) => void byKey.set(keyOf(ref), escalationId),
    escalationIdFor: async (ref) => byKey.get(keyOf(ref)),
  };
}
