/**
 * "A person will reply in about N minutes": estimated from the escalations waiting, the agents online and
 * how long recent escalations waited to be claimed. Pure; the numbers are read by `loadWaitFacts`.
 */
import type { BusinessHours } from '../routing/policy.ts';
import type { Db } from '../storage/database.ts';

export interface WaitFacts {
  /** Escalations not yet claimed, this one included. */
  waitingEscalations: number;
  /** Agents marked active. */
  agentsOnline: number;
  /** Minutes from escalation to claim of recent escalations (newest first); empty when none yet. */
  recentClaimMinutes: number[];
}

/** With no history, the first guess. */
export const DEFAULT_CLAIM_MINUTES = 5;

/** Whole minutes, at least 1: the median claim time scaled by the queue each agent has in front of them. */
export function estimateWaitMinutes(facts: WaitFacts): number {
  const sorted = [...facts.recentClaimMinutes].sort((a, b) => a - b);
  const median = sorted.length === 0 ? DEFAULT_CLAIM_MINUTES : sorted[Math.floor(sorted.length / 2)]!;
  const perAgent = Math.max(1, facts.waitingEscalations) / Math.max(1, facts.agentsOnline);
  return Math.max(1, Math.ceil(median * Math.max(1, perAgent)));
}

export async function loadWaitFacts(db: Db): Promise<WaitFacts> {
  const [waitingEscalations, agentsOnline, recent] = await Promise.all([
    db.escalation.count({ where: { status: 'open' } }),
    db.agent.count({ where: { active: true } }),
    db.escalation.findMany({ where: { claimedAt: { not: null } }, orderBy: { claimedAt: 'desc' }, take: 20, select: { createdAt: true, claimedAt: true } }),
  ]);
  return { waitingEscalations, agentsOnline, recentClaimMinutes: recent.map((e) => (e.claimedAt!.getTime() - e.createdAt.getTime()) / 60_000) };
}

/** When people are next at work: undefined while they are (or when no hours are configured). */
export function nextOpening(now: Date, hours: BusinessHours | undefined): Date | undefined {
  if (!hours) return undefined;
  const offsetMs = hours.utcOffsetMinutes * 60_000;
  const local = new Date(now.getTime() + offsetMs); // read with getUTC* as local wall time
  for (let day = 0; day <= 14; day++) {
    const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + day));
    const isoDate = date.toISOString().slice(0, 10);
    const open = hours.days[String(date.getUTCDay()) as keyof BusinessHours['days']];
    if (!open || hours.holidays.includes(isoDate)) continue;
    const [from, to] = open.map((hhmm) => date.getTime() + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000) as [number, number];
    if (local.getTime() < from) return new Date(from - offsetMs);
    if (local.getTime() < to) return day === 0 ? undefined : new Date(from - offsetMs);
  }
  return undefined;
}

/** Local wall time of `at` as "YYYY-MM-DD HH:MM" in the hours' offset. */
export function localTime(at: Date, hours: BusinessHours): string {
  return new Date(at.getTime() + hours.utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}
