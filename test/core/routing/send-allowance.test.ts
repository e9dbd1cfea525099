import { describe, expect, it } from 'vitest';
import { remainingBudget, sendAllowance } from '../../../core/routing/send-allowance.ts';

const WECHAT = { sendWindowHours: 48, sendBudgetPerInbound: 5 };
const wrote = new Date('2025-03-01T08:00:00.000Z');
const hoursLater = (hours: number) => new Date(wrote.getTime() + hours * 3600 * 1000);

describe('sendAllowance: the channel\'s reply window and send budget', () => {
  it.each([
    { why: 'no rules: always allowed, no budget to report', rules: {}, facts: { sentSinceInbound: 99 }, now: hoursLater(1000), parts: 1, allowed: true, remaining: undefined },
    { why: 'inside the window with budget left', rules: WECHAT, facts: { lastInboundAt: wrote, sentSinceInbound: 2 }, now: hoursLater(47.9), parts: 1, allowed: true, remaining: 3 },
    { why: 'exactly at the window edge still counts as inside', rules: WECHAT, facts: { lastInboundAt: wrote, sentSinceInbound: 0 }, now: hoursLater(48), parts: 1, allowed: true, remaining: 5 },
    { why: 'past the window', rules: WECHAT, facts: { lastInboundAt: wrote, sentSinceInbound: 0 }, now: hoursLater(48.01), parts: 1, allowed: false, reason: /48-hour reply window/ },
    { why: 'never wrote: no window is open', rules: WECHAT, facts: { sentSinceInbound: 0 }, now: wrote, parts: 1, allowed: false, reason: /not written yet/ },
    { why: 'budget used up', rules: WECHAT, facts: { lastInboundAt: wrote, sentSinceInbound: 5 }, now: hoursLater(1), parts: 1, allowed: false, reason: /send budget used/ },
    { why: 'a long answer needs as many messages as parts', rules: WECHAT, facts: { lastInboundAt: wrote, sentSinceInbound: 3 }, now: hoursLater(1), parts: 3, allowed: false, reason: /3 more needed/ },
    { why: 'the last parts that fit', rules: WECHAT, facts: { lastInboundAt: wrote, sentSinceInbound: 3 }, now: hoursLater(1), parts: 2, allowed: true, remaining: 2 },
    { why: 'a budget without a window', rules: { sendBudgetPerInbound: 1 }, facts: { sentSinceInbound: 0 }, now: wrote, parts: 1, allowed: true, remaining: 1 },
  ])('$why', ({ rules, facts, now, parts, allowed, remaining, reason }) => {
    const result = sendAllowance(rules, facts, now, parts);
    expect(result.allowed).toBe(allowed);
    if (result.allowed) expect(result.remaining).toBe(remaining);
    else expect(result.reason).toMatch(reason!);
  });

  it('reports the window\'s end, and the remaining budget never below zero', () => {
    const result = sendAllowance(WECHAT, { lastInboundAt: wrote, sentSinceInbound: 0 }, hoursLater(1));
    expect(result).toEqual({ allowed: true, remaining: 5, windowClosesAt: hoursLater(48) });
    expect(remainingBudget(WECHAT, { sentSinceInbound: 9 })).toBe(0);
    expect(remainingBudget({}, { sentSinceInbound: 9 })).toBeUndefined();
  });
});
