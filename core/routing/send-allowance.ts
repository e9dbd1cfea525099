/**
 * Whether the channel still lets us write to a customer, from the channel's declared rules
 * (ChannelCapabilities: WeChat's 48-hour window and 5 messages per customer message) and the conversation's
 * facts. Pure, so the deliver job enforces it before sending and the router or a handoff can ask how many
 * messages are left (a handoff that needs a person for longer than the window must say so).
 */
import type { ChannelCapabilities } from '../channel-adapter.ts';

export type SendRules = Pick<ChannelCapabilities, 'sendWindowHours' | 'sendBudgetPerInbound'>;

export interface SendFacts {
  /** When the customer's latest message arrived; undefined when they never wrote. */
  lastInboundAt?: Date;
  /** Channel messages (parts) we sent since then. */
  sentSinceInbound: number;
}

export type SendAllowance =
  | { allowed: true; /** Messages still allowed; undefined = no budget on this channel. */ remaining?: number; /** undefined = no window. */ windowClosesAt?: Date }
  | { allowed: false; reason: string };

const HOUR_MS = 3600 * 1000;

/** May `parts` more channel messages go out now? */
export function sendAllowance(rules: SendRules, facts: SendFacts, now: Date, parts = 1): SendAllowance {
  let windowClosesAt: Date | undefined;
  if (rules.sendWindowHours !== undefined) {
    if (!facts.lastInboundAt) return { allowed: false, reason: `the customer has not written yet; this channel only allows replies within ${rules.sendWindowHours} hours of their message` };
    windowClosesAt = new Date(facts.lastInboundAt.getTime() + rules.sendWindowHours * HOUR_MS);
    if (now.getTime() > windowClosesAt.getTime()) {
      return { allowed: false, reason: `outside the channel's ${rules.sendWindowHours}-hour reply window (the customer last wrote at ${facts.lastInboundAt.toISOString()}); they must write again first` };
    }
  }
  const left = remainingBudget(rules, facts);
  if (left !== undefined && left < parts) {
    return { allowed: false, reason: `send budget used: the channel allows ${rules.sendBudgetPerInbound} messages per customer message, ${facts.sentSinceInbound} sent, ${parts} more needed; the customer must write again first` };
  }
  return { allowed: true, ...(left !== undefined ? { remaining: left } : {}), ...(windowClosesAt ? { windowClosesAt } : {}) };
}

/** Messages we may still send before the customer writes again; undefined when the channel sets no budget. */
export function remainingBudget(rules: SendRules, facts: SendFacts): number | undefined {
  if (rules.sendBudgetPerInbound === undefined) return undefined;
  return Math.max(0, rules.sendBudgetPerInbound - facts.sentSinceInbound);
}
