import { z } from 'zod';

/** Where the matcher's confidence puts a question: answer, "did you mean", or a person. */
export interface AnswerThresholds {
  /** At or above: the bot answers on its own. */
  answerThreshold: number;
  /** At or above (but below answerThreshold): the bot asks "did you mean …?". Below: a human takes over. */
  suggestThreshold: number;
  /**
   * When the runner-up's confidence reaches this share of the best one's, the bot asks "did you mean" even
   * at or above answerThreshold: its answer would be right only about 60% of the time (eval/README.md).
   * 0 turns it off.
   */
  closeRunnerUp: number;
}

/** The product's defaults (ANSWER_THRESHOLD, SUGGEST_THRESHOLD, CLOSE_RUNNER_UP); the eval CLI measures these. */
export const DEFAULT_THRESHOLDS: AnswerThresholds = { answerThreshold: 0.5, suggestThreshold: 0.2, closeRunnerUp: 0.3 };

/** Who handles a message: the bot alone, the bot drafting for a person's approval, or a person. */
export const TIERS = ['bot', 'bot_draft', 'human'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * The routing policy is data, validated at start-up (and later edited in the admin page), never code.
 * Every signal is optional; the defaults route exactly as the bot did before routing had a policy.
 */
export const routingPolicySchema = z.object({
  /** The matched FAQ's category → tier (sample: `{ "coupons": "bot_draft" }`). */
  categoryTiers: z.record(z.string(), z.enum(TIERS)).default({}),
  /** Complaint / anger risk at or above this goes to a person; null = not used. */
  complaintRiskToHuman: z.number().min(0).max(1).nullable().default(null),
  /** VIP contacts always reach a person. */
  vipToHuman: z.boolean().default(false),
});

export type RoutingRules = z.output<typeof routingPolicySchema>;

export interface RoutingPolicy extends RoutingRules {
  answering: AnswerThresholds;
}

export const DEFAULT_ROUTING_RULES: RoutingRules = routingPolicySchema.parse({});
