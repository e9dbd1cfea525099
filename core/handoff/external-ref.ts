/**
 * Where an escalation's card lives in each desk, stored on `Escalation.externalRef` as JSON keyed by desk
 * kind: `{"slack":{"channel":"C…","ts":"…"},"wecom":{"number":"7","target":"robot"}}`. Keys are sorted so
 * a desk's ref is always written the same way and can be found by a plain substring match from any process.
 */
import type { DeskRef } from '../agent-desk.ts';

export type DeskKind = 'slack' | 'wecom';
export type DeskRefs = Partial<Record<DeskKind, DeskRef>>;

/** A ref as stored: its keys sorted, values strings. */
export function canonicalRef(ref: DeskRef): string {
  return JSON.stringify(Object.fromEntries(Object.entries(ref).sort(([a], [b]) => a.localeCompare(b))));
}

export function readDeskRefs(stored: string | null): DeskRefs {
  if (stored === null || stored === '') return {};
  try {
    const parsed = JSON.parse(stored) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const refs: DeskRefs = {};
    for (const kind of ['slack', 'wecom'] as const) {
      const ref = (parsed as Record<string, unknown>)[kind];
      if (typeof ref === 'object' && ref !== null) refs[kind] = Object.fromEntries(Object.entries(ref).map(([k, v]) => [k, String(v)]));
    }
    return refs;
  } catch {
    return {}; // a ref from before this format (a bare Slack ts): nothing we can address
  }
}

export function writeDeskRefs(refs: DeskRefs): string {
  const parts = (Object.keys(refs) as DeskKind[]).sort().map((kind) => `${JSON.stringify(kind)}:${canonicalRef(refs[kind]!)}`);
  return `{${parts.join(',')}}`;
}

/** The substring that finds the escalation whose `kind` card has this ref. */
export function refNeedle(kind: DeskKind, ref: DeskRef): string {
  return `${JSON.stringify(kind)}:${canonicalRef(ref)}`;
}
