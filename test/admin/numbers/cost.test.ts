import { describe, expect, it } from 'vitest';
import { costFigures, defaultBotCost, monthlyVolume, whatIfBotShare } from '../../../admin/numbers/cost.ts';

/**
 * A human conversation costs 20, a bot one 2 (a tenth, as the seed says), a draft 8; 10 000 conversations
 * a month at the seed's middle mix: bot 65%, draft 25%, human 10%.
 *   bot    6 500 × 2  = 13 000
 *   draft  2 500 × 8  = 20 000
 *   human  1 000 × 20 = 20 000
 *   month  53 000; all human 10 000 × 20 = 200 000; savings 147 000 = 73.5%; 5.30 per conversation.
 */
const input = { botCost: 2, humanCost: 20, draftCost: 8, monthlyConversations: 10_000, botShare: 0.65, draftShare: 0.25, humanShare: 0.1 };

describe('cost at the measured mix', () => {
  it('adds each tier’s conversations × cost', () => {
    const figures = costFigures(input);
    expect(figures.perTier.bot).toEqual({ conversations: 6500, cost: 13_000 });
    expect(figures.perTier.bot_draft.cost).toBeCloseTo(20_000, 6);
    expect(figures.perTier.human.cost).toBeCloseTo(20_000, 6);
    expect(figures.monthlyCost).toBeCloseTo(53_000, 6);
    expect(figures.allHumanCost).toBe(200_000);
    expect(figures.savings).toBeCloseTo(147_000, 6);
    expect(figures.savingsShare).toBeCloseTo(0.735, 9);
    expect(figures.costPerConversation).toBeCloseTo(5.3, 9);
  });

  it('counts a draft at the human cost when no draft cost is entered', () => {
    const { draftCost: _, ...withoutDraftCost } = input;
    // 13 000 + 2 500 × 20 + 20 000 = 83 000
    expect(costFigures(withoutDraftCost).monthlyCost).toBeCloseTo(83_000, 6);
  });

  it('the default bot cost is a tenth of the human one', () => {
    expect(defaultBotCost(20)).toBe(2);
  });

  it('refuses shares that do not add up to 1, and negative costs', () => {
    expect(() => costFigures({ ...input, humanShare: 0.2 })).toThrow(RangeError);
    expect(() => costFigures({ ...input, botCost: -1 })).toThrow(RangeError);
  });

  it('nothing to cost is zero, not NaN', () => {
    expect(costFigures({ ...input, monthlyConversations: 0 })).toMatchObject({ monthlyCost: 0, savingsShare: 0, costPerConversation: 0 });
  });
});

describe('what if the bot took another share', () => {
  it('splits the rest in the measured draft : human ratio (25 : 10)', () => {
    // Bot 80%: the other 2 000 conversations split 25/35 = 5/7 draft (1 428.57) and 2/7 human (571.43).
    // 8 000 × 2 + 1 428.57 × 8 + 571.43 × 20 = 16 000 + 11 428.57 + 11 428.57 = 38 857.14; change −14 142.86.
    const scenario = whatIfBotShare(input, 0.8);
    expect(scenario.perTier.bot.conversations).toBeCloseTo(8000, 6);
    expect(scenario.perTier.bot_draft.conversations).toBeCloseTo(2000 * (25 / 35), 6);
    expect(scenario.monthlyCost).toBeCloseTo(16_000 + 80_000 / 7 + 80_000 / 7, 6);
    expect(scenario.change).toBeCloseTo(16_000 + 160_000 / 7 - 53_000, 6);
  });

  it('at the measured share changes nothing', () => {
    expect(whatIfBotShare(input, 0.65).change).toBeCloseTo(0, 6);
  });

  it('with nothing but the bot measured, the rest goes to people', () => {
    const scenario = whatIfBotShare({ ...input, botShare: 1, draftShare: 0, humanShare: 0 }, 0.9);
    expect(scenario.perTier.human.conversations).toBeCloseTo(1000, 6);
    expect(scenario.perTier.bot_draft.conversations).toBe(0);
  });
});

describe('monthly volume', () => {
  it('scales a week to an average month (30.4375 days)', () => {
    expect(monthlyVolume(700, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))).toBeCloseTo(3043.75, 9);
  });
});
