import { describe, expect, it } from 'vitest';
import { localeOfText, readCsatScore } from '../../../core/handoff/customer-lines.ts';
import { estimateWaitMinutes, localTime, nextOpening } from '../../../core/handoff/wait-estimate.ts';
import { businessHoursSchema } from '../../../core/routing/policy.ts';

describe('estimateWaitMinutes', () => {
  it.each([
    ['no history, nobody else waiting', { waitingEscalations: 1, agentsOnline: 1, recentClaimMinutes: [] }, 5],
    ['median of recent claims', { waitingEscalations: 1, agentsOnline: 2, recentClaimMinutes: [1, 3, 20] }, 3],
    ['a queue per agent scales it', { waitingEscalations: 6, agentsOnline: 2, recentClaimMinutes: [2] }, 6],
    ['nobody online counts as one', { waitingEscalations: 2, agentsOnline: 0, recentClaimMinutes: [2] }, 4],
    ['never below a minute', { waitingEscalations: 1, agentsOnline: 5, recentClaimMinutes: [0.1] }, 1],
  ])('%s', (_case, facts, minutes) => {
    expect(estimateWaitMinutes(facts)).toBe(minutes);
  });
});

describe('nextOpening', () => {
  const hours = businessHoursSchema.parse({ utcOffsetMinutes: 480, days: { 1: ['09:00', '18:00'], 2: ['09:00', '18:00'], 3: ['09:00', '18:00'], 4: ['09:00', '18:00'], 5: ['09:00', '18:00'] }, holidays: ['2026-12-03'] });
  it.each([
    ['open now (Tue 10:00 +08)', '2026-12-01T02:00:00Z', undefined],
    ['before opening (Tue 07:00 +08)', '2026-11-30T23:00:00Z', '2026-12-01 09:00'],
    ['after closing, tomorrow a holiday (Wed 19:00 +08 → Fri)', '2026-12-02T11:00:00Z', '2026-12-04 09:00'],
    ['weekend (Sat) → Monday', '2026-12-05T04:00:00Z', '2026-12-07 09:00'],
  ])('%s', (_case, now, expected) => {
    const back = nextOpening(new Date(now), hours);
    expect(back === undefined ? undefined : localTime(back, hours)).toBe(expected);
  });
  it('is always open without hours', () => expect(nextOpening(new Date(), undefined)).toBeUndefined());
});

describe('customer lines', () => {
  it.each([['5', 5], ['５', 5], ['4分', 4], ['3 stars', 3], ['★★', 2], ['6', undefined], ['15', undefined], ['5 but slow', undefined]])('reads %s as %s', (text, score) => {
    expect(readCsatScore(text)).toBe(score);
  });
  it('answers in the customer\'s language', () => {
    expect(localeOfText('还要等多久？')).toBe('zh');
    expect(localeOfText('how long?')).toBe('en');
    expect(localeOfText('1', 'zh-CN')).toBe('zh');
  });
});
