/**
 * The dashboard's figures (issue 21), counted per unique conversation, never per event or message.
 *
 * Exports:
 *   dashboardFigures(db, { from, to, channel?, inboxId?, timeZone? }) → DashboardFigures
 *   summarizeConversations(facts, timeZone = 'UTC') → Figures         (pure; the same numbers from facts)
 *   TARGET_MIX                                                        the seed's target tier mix
 *
 * Definitions (period = [from, to); every row used must fall inside it, see conversation-facts.ts):
 *   conversations      conversations in which a customer wrote during the period.
 *   transferRate       share of them handed to a person in the period ('escalate' event or Escalation row).
 *   aiResolutionRate   share of them never handed over in the period and with at least one bot reply in it:
 *                      closed by the bot without a handoff.
 *   csat               over those conversations with a score (Conversation.csatScore, 1..5): average
 *                      (null without scores), count, and how many gave each score.
 *   firstResponseSeconds  from the first customer message in the period to the first outgoing bot or agent
 *                      message at or after it (Message.createdAt); conversations nobody answered are left
 *                      out. Median and p90 (nearest rank, statistics.ts).
 *   handleSeconds      from the first claim (or first agent reply to a waiting conversation) to the first
 *                      'resolve' event after it, for conversations with both in the period. Median and p90.
 *   volumeByHourOfWeek 168 counts: conversations by the hour of the week of their first customer message in
 *                      the period (0 = Monday 00:00 in `timeZone`, default UTC).
 *   tierMix            shares of bot / bot_draft / human among conversations that were answered or handed
 *                      over, each counted once at the most human tier it reached (conversation-facts.ts
 *                      tierOf: escalations' tier plus Conversation.tier). All zeros when there are none.
 *   tierCounts         the counts behind tierMix.
 *   targetMix          the seed's target: bot 60–70%, bot_draft 20–30%, human ~10% (read as 5–15%).
 *   perChannel         the same figures for each channel kind, largest first.
 * Rates are shares in 0..1 (0 when there are no conversations); times are seconds (null without data).
 */
import type { Db } from '../../core/storage/database.ts';
import { TIERS, loadConversationFacts, type ConversationFacts, type PeriodFilter, type Tier } from './conversation-facts.ts';
import { emptyWeek, hourOfWeek } from './hour-of-week.ts';
import { spread } from './statistics.ts';

export type CsatScore = 1 | 2 | 3 | 4 | 5;

export interface Figures {
  conversations: number;
  aiResolutionRate: number;
  transferRate: number;
  csat: { average: number | null; count: number; distribution: Record<CsatScore, number> };
  firstResponseSeconds: { median: number | null; p90: number | null };
  handleSeconds: { median: number | null; p90: number | null };
  volumeByHourOfWeek: number[];
  tierMix: Record<Tier, number>;
  tierCounts: Record<Tier, number>;
}

export interface TierTarget {
  low: number;
  high: number;
  /** As the seed words it, for display. */
  label: string;
}

export interface DashboardFigures extends Figures {
  targetMix: Record<Tier, TierTarget>;
  perChannel: Array<Figures & { channel: string }>;
}

export const TARGET_MIX: Readonly<Record<Tier, TierTarget>> = {
  bot: { low: 0.6, high: 0.7, label: '60–70%' },
  bot_draft: { low: 0.2, high: 0.3, label: '20–30%' },
  human: { low: 0.05, high: 0.15, label: '~10%' },
};

export async function dashboardFigures(db: Db, filter: PeriodFilter & { timeZone?: string }): Promise<DashboardFigures> {
  if (!(filter.from.getTime() < filter.to.getTime())) throw new RangeError('the period must end after it starts');
  const facts = await loadConversationFacts(db, filter);
  const timeZone = filter.timeZone ?? 'UTC';
  const channels = [...new Set(facts.map((fact) => fact.channel))];
  const perChannel = channels
    .map((channel) => ({ channel, ...summarizeConversations(facts.filter((fact) => fact.channel === channel), timeZone) }))
    .sort((a, b) => b.conversations - a.conversations || a.channel.localeCompare(b.channel));
  return { ...summarizeConversations(facts, timeZone), targetMix: { ...TARGET_MIX }, perChannel };
}

export function summarizeConversations(facts: readonly ConversationFacts[], timeZone = 'UTC'): Figures {
  const total = facts.length;
  const share = (count: number, of = total) => (of === 0 ? 0 : count / of);
  const scores = facts.flatMap((fact) => (fact.csatScore !== null && fact.csatScore >= 1 && fact.csatScore <= 5 ? [fact.csatScore as CsatScore] : []));
  const distribution: Record<CsatScore, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const score of scores) distribution[score] += 1;
  const volume = emptyWeek();
  for (const fact of facts) volume[hourOfWeek(fact.firstCustomerAt, timeZone)]! += 1;
  const tierCounts: Record<Tier, number> = { bot: 0, bot_draft: 0, human: 0 };
  for (const fact of facts) if (fact.tier) tierCounts[fact.tier] += 1;
  const tiered = TIERS.reduce((sum, tier) => sum + tierCounts[tier], 0);

  return {
    conversations: total,
    aiResolutionRate: share(facts.filter((fact) => !fact.transferred && fact.botReplied).length),
    transferRate: share(facts.filter((fact) => fact.transferred).length),
    csat: {
      average: scores.length === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / scores.length,
      count: scores.length,
      distribution,
    },
    firstResponseSeconds: spread(facts.flatMap((fact) => (fact.firstResponseAt ? [(fact.firstResponseAt.getTime() - fact.firstCustomerAt.getTime()) / 1000] : []))),
    handleSeconds: spread(facts.flatMap((fact) => (fact.handleSeconds === null ? [] : [fact.handleSeconds]))),
    volumeByHourOfWeek: volume,
    tierMix: { bot: share(tierCounts.bot, tiered), bot_draft: share(tierCounts.bot_draft, tiered), human: share(tierCounts.human, tiered) },
    tierCounts,
  };
}
