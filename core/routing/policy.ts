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

const HH_MM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/** Opening hours in one fixed UTC offset (e.g. 480 for China), per weekday (0 = Sunday), and closed days. */
export const businessHoursSchema = z.object({
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Weekday → [open, close]; a day not listed is closed. */
  days: z.partialRecord(z.enum(['0', '1', '2', '3', '4', '5', '6']), z.tuple([HH_MM, HH_MM])),
  /** Dates (YYYY-MM-DD, local) when nobody works. */
  holidays: z.array(z.iso.date()).default([]),
}).refine((hours) => Object.values(hours.days).some((day) => day !== undefined && day[0] < day[1]), { message: 'needs at least one day with open < close' });

export type BusinessHours = z.output<typeof businessHoursSchema>;

/**
 * The routing policy is data, validated at start-up (and later edited in the admin page), never code.
 * Every signal is optional; the defaults route exactly as the bot did before routing had a policy.
 */
export const routingPolicySchema = z.object({
  /** The matched FAQ's category → tier (sample: `{ "coupons": "bot_draft" }`). */
  categoryTiers: z.record(z.string(), z.enum(TIERS)).default({}),
  /**
   * Complaint / anger risk (calibrated, bot/emotion/calibrate.ts) at or above this goes to a person; null =
   * not used. @defaultValue 0.8: every angry message of test/bot/emotion/cs-messages.ts, no plain question.
   */
  complaintRiskToHuman: z.number().min(0).max(1).nullable().default(0.8),
  /** VIP contacts always reach a person. */
  vipToHuman: z.boolean().default(false),
  /** A contact whose `attributes.orderValue` is at or above this reaches a person; null = not used. */
  orderValueToHuman: z.number().positive().nullable().default(null),
  /** Contact tags (`attributes.tags`) that always reach a person (e.g. "wholesale"). */
  tagsToHuman: z.array(z.string()).default([]),
  /**
   * Promotions: while now is inside one of these windows the complaint threshold is raised by `raiseBy`
   * (people are busy; only clear complaints go to them).
   */
  peakMode: z.object({
    windows: z.array(z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })).default([]),
    raiseBy: z.number().min(0).max(1).default(0.1),
  }).default({ windows: [], raiseBy: 0.1 }),
  /**
   * Live load: for each escalation waiting per agent online above `waitingPerAgent`, the complaint
   * threshold rises by `raiseBy` (capped at `maxRaise`). No agent online counts as one.
   */
  loadShift: z.object({
    waitingPerAgent: z.number().min(0).default(3),
    raiseBy: z.number().min(0).max(1).default(0.05),
    maxRaise: z.number().min(0).max(1).default(0.15),
  }).default({ waitingPerAgent: 3, raiseBy: 0.05, maxRaise: 0.15 }),
  /** When people work: outside, the customer is told when they are back. Absent = always. */
  businessHours: businessHoursSchema.optional(),
  /** An escalation nobody claimed is posted again after this many seconds, then once more, louder. */
  renotifyAfterSeconds: z.number().int().positive().default(300),
});

export type RoutingRules = z.output<typeof routingPolicySchema>;

export interface RoutingPolicy extends RoutingRules {
  answering: AnswerThresholds;
}

export const DEFAULT_ROUTING_RULES: RoutingRules = routingPolicySchema.parse({});

/**
 * The rules with one inbox's own business hours in place of the policy's (a support line open longer than
 * the shop's chat): its `businessHours` object, or `null` for always open; absent keeps the policy's.
 */
export function withInboxHours<R extends RoutingRules>(rules: R, inboxHours: BusinessHours | null | undefined): R {
  if (inboxHours === undefined) return rules;
  const { businessHours: _policyHours, ...rest } = rules;
  return (inboxHours === null ? rest : { ...rest, businessHours: inboxHours }) as R;
}
