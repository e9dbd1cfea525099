/**
 * Cost of the service (issue 21): what a month costs at the measured tier mix, what it would cost with
 * people only, and what another bot share would do (the what-if slider).
 *
 * Exports (pure):
 *   costFigures({ botCost, humanCost, draftCost?, monthlyConversations, botShare, draftShare?, humanShare })
 *     → CostFigures { monthlyCost, allHumanCost, savings, savingsShare, costPerConversation, perTier }
 *   whatIfBotShare(input, botShare) → CostFigures & { change }   the same month with another bot share
 *   monthlyVolume(conversations, from, to) → conversations scaled to an average month
 *   BOT_COST_SHARE_OF_HUMAN = 0.1, defaultBotCost(humanCost)
 *
 * Costs are per conversation, in whatever currency the admin enters. The seed says a bot answer costs
 * about a tenth of a human one: that is the default bot cost when the admin has entered only the human one.
 * A bot_draft conversation (the bot writes, a person approves) costs `draftCost`; without one it is counted
 * at the human cost, because a person still opens it: savings are then never overstated.
 * Shares are of conversations (dashboard tierMix) and must add up to 1.
 */
import type { Tier } from './conversation-facts.ts';

export const BOT_COST_SHARE_OF_HUMAN = 0.1;

export interface CostInput {
  /** Cost of one conversation the bot handled alone. */
  botCost: number;
  /** Cost of one conversation a person handled. */
  humanCost: number;
  /** Cost of one conversation answered with an approved bot draft. @defaultValue humanCost */
  draftCost?: number;
  monthlyConversations: number;
  botShare: number;
  /** @defaultValue 0 */
  draftShare?: number;
  humanShare: number;
}

export interface CostFigures {
  monthlyCost: number;
  /** The same conversations, all handled by people. */
  allHumanCost: number;
  /** allHumanCost − monthlyCost. */
  savings: number;
  /** savings / allHumanCost (0 when there is nothing to cost). */
  savingsShare: number;
  costPerConversation: number;
  perTier: Record<Tier, { conversations: number; cost: number }>;
}

const SHARE_TOLERANCE = 1e-6;

export function defaultBotCost(humanCost: number): number {
  return humanCost * BOT_COST_SHARE_OF_HUMAN;
}

export function costFigures(input: CostInput): CostFigures {
  const draftShare = input.draftShare ?? 0;
  const draftCost = input.draftCost ?? input.humanCost;
  for (const [name, value] of Object.entries({ botCost: input.botCost, humanCost: input.humanCost, draftCost, monthlyConversations: input.monthlyConversations })) {
    if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
  for (const [name, value] of Object.entries({ botShare: input.botShare, draftShare, humanShare: input.humanShare })) {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
  }
  const total = input.botShare + draftShare + input.humanShare;
  if (Math.abs(total - 1) > SHARE_TOLERANCE) throw new RangeError(`the shares must add up to 1, got ${total}`);

  const volume = input.monthlyConversations;
  const tier = (share: number, cost: number) => ({ conversations: volume * share, cost: volume * share * cost });
  const perTier = { bot: tier(input.botShare, input.botCost), bot_draft: tier(draftShare, draftCost), human: tier(input.humanShare, input.humanCost) };
  const monthlyCost = perTier.bot.cost + perTier.bot_draft.cost + perTier.human.cost;
  const allHumanCost = volume * input.humanCost;
  const savings = allHumanCost - monthlyCost;
  return {
    monthlyCost,
    allHumanCost,
    savings,
    savingsShare: allHumanCost === 0 ? 0 : savings / allHumanCost,
    costPerConversation: volume === 0 ? 0 : monthlyCost / volume,
    perTier,
  };
}

/**
 * The slider: the bot takes `botShare` of the conversations and the rest keeps the measured ratio of
 * drafts to people (all people when neither was measured). `change` is the monthly cost minus the
 * measured one: negative = cheaper.
 */
export function whatIfBotShare(input: CostInput, botShare: number): CostFigures & { change: number } {
  if (!(botShare >= 0 && botShare <= 1)) throw new RangeError(`botShare must be in [0, 1], got ${botShare}`);
  const measured = costFigures(input);
  const draftShare = input.draftShare ?? 0;
  const rest = draftShare + input.humanShare;
  const draftOfRest = rest === 0 ? 0 : draftShare / rest;
  const scenario = costFigures({ ...input, botShare, draftShare: (1 - botShare) * draftOfRest, humanShare: (1 - botShare) * (1 - draftOfRest) });
  return { ...scenario, change: scenario.monthlyCost - measured.monthlyCost };
}

/** Days in an average month (365.25 / 12): a week's conversations × 30.4375 / 7 make a month. */
const DAYS_PER_MONTH = 365.25 / 12;
const DAY_MS = 24 * 60 * 60 * 1000;

export function monthlyVolume(conversations: number, from: Date, to: Date): number {
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (!(days > 0)) throw new RangeError('the period must end after it starts');
  return (conversations * DAYS_PER_MONTH) / days;
}
