/**
 * The Cost page's figures from the database: the measured tier mix and volume of a period, priced.
 *
 * Export:
 *   costReport(db, { from, to, channel?, inboxId?, botCost?, humanCost, draftCost? }) → CostReport
 *     { period conversations, monthlyConversations, measuredMix, ...CostFigures, whatIf: [{ botShare, monthlyCost, savings, change }] }
 *
 * The costs are what the admin entered (settings); botCost defaults to a tenth of humanCost (the seed).
 * The mix is the dashboard's tierMix (conversations answered or handed over, at their most human tier);
 * the month is the period's conversation count scaled to an average month (cost.ts monthlyVolume).
 * `whatIf` is the slider's curve: bot shares 0, 5, …, 100%, the rest split as measured (cost.ts whatIfBotShare).
 * A period with no answered conversation has no mix to price: everything counts as human (savings 0).
 */
import type { Db } from '../../core/storage/database.ts';
import type { PeriodFilter, Tier } from './conversation-facts.ts';
import { costFigures, defaultBotCost, monthlyVolume, whatIfBotShare, type CostFigures, type CostInput } from './cost.ts';
import { dashboardFigures } from './dashboard.ts';

export interface CostReport extends CostFigures {
  conversations: number;
  monthlyConversations: number;
  measuredMix: Record<Tier, number>;
  botCost: number;
  humanCost: number;
  draftCost: number;
  whatIf: Array<{ botShare: number; monthlyCost: number; savings: number; change: number }>;
}

const SLIDER_STEPS = 20;

export async function costReport(db: Db, options: PeriodFilter & { botCost?: number; humanCost: number; draftCost?: number }): Promise<CostReport> {
  const figures = await dashboardFigures(db, options);
  const answered = figures.tierCounts.bot + figures.tierCounts.bot_draft + figures.tierCounts.human;
  const mix = answered === 0 ? { bot: 0, bot_draft: 0, human: 1 } : figures.tierMix;
  const botCost = options.botCost ?? defaultBotCost(options.humanCost);
  const draftCost = options.draftCost ?? options.humanCost;
  const input: CostInput = {
    botCost,
    humanCost: options.humanCost,
    draftCost,
    monthlyConversations: monthlyVolume(figures.conversations, options.from, options.to),
    botShare: mix.bot,
    draftShare: mix.bot_draft,
    humanShare: mix.human,
  };
  const whatIf = Array.from({ length: SLIDER_STEPS + 1 }, (_, step) => {
    const scenario = whatIfBotShare(input, step / SLIDER_STEPS);
    return { botShare: step / SLIDER_STEPS, monthlyCost: scenario.monthlyCost, savings: scenario.savings, change: scenario.change };
  });
  return {
    ...costFigures(input),
    conversations: figures.conversations,
    monthlyConversations: input.monthlyConversations,
    measuredMix: mix,
    botCost,
    humanCost: options.humanCost,
    draftCost,
    whatIf,
  };
}
