import { describe, expect, it } from 'vitest';
import { bestForecast } from '../../../admin/numbers/forecast-choice.ts';

const WEEK = 168 * 3_600_000;
const end = new Date('2026-11-30T00:00:00Z'); // a Monday
const MONDAY_9 = 9;

/** `perWeek[i]` arrivals on Monday 09:xx of the week i weeks after the first (oldest first). */
function mondayMornings(perWeek: number[]): Date[] {
  const oldest = end.getTime() - perWeek.length * WEEK + 9 * 3_600_000;
  return perWeek.flatMap((count, week) => Array.from({ length: count }, (_, n) => new Date(oldest + week * WEEK + n * 60_000)));
}

/** The hub's history starts at the beginning of a week (otherwise the first, part week is not complete). */
function weeksAgo(weeks: number): Date {
  return new Date(end.getTime() - weeks * WEEK);
}

describe('choosing the forecast method by its error on the last complete week', () => {
  it('a rising trend is followed best by the same hour last week', () => {
    // Held out: 6. Fitted on 5 4 3 2 1 (newest first): seasonal 3 (error 3), last week 5 (error 1),
    // recency-weighted (5 + 4/2 + 3/4 + 2/8 + 1/16) / 1.9375 = 4.16 (error 1.84). Errors are per hour of the week (÷ 168).
    const forecast = bestForecast(mondayMornings([1, 2, 3, 4, 5, 6]), { end, historyStart: weeksAgo(6) });
    expect(forecast.method).toBe('same hour last week');
    expect(forecast.error).toBeCloseTo(1 / 168, 12);
    expect(forecast.compared.map((entry) => entry.method)).toEqual(['seasonal average of the last 6 weeks', 'same hour last week', 'recency-weighted average of the last 6 weeks']);
    expect(forecast.compared.map((entry) => entry.error * 168)).toEqual([expect.closeTo(3, 9), expect.closeTo(1, 9), expect.closeTo(6 - 8.0625 / 1.9375, 9)]);
    expect(forecast.perHour[MONDAY_9]).toBe(6);
    expect(forecast.weeksUsed).toBe(6);
  });

  it('a steady but noisy hour is forecast best by the seasonal average', () => {
    // Held out: 4. Fitted on 2 4 2 4 2 (newest first): seasonal 2.8 (error 1.2), last week 2 (error 2),
    // recency-weighted 5.125 / 1.9375 = 2.645 (error 1.355). Forecast: the seasonal average of all 6 weeks, 18 / 6.
    const forecast = bestForecast(mondayMornings([2, 4, 2, 4, 2, 4]), { end, historyStart: weeksAgo(6) });
    expect(forecast.method).toBe('seasonal average of the last 6 weeks');
    expect(forecast.error).toBeCloseTo(1.2 / 168, 12);
    expect(forecast.perHour[MONDAY_9]).toBe(3);
  });

  it('with under two complete weeks there is nothing to measure: the seasonal average, error null', () => {
    const forecast = bestForecast(mondayMornings([3]), { end });
    expect(forecast).toMatchObject({ method: 'seasonal average of the last 8 weeks', error: null, compared: [] });
    expect(forecast.perHour[MONDAY_9]).toBe(3);
  });

  it('looks back no further than asked', () => {
    const forecast = bestForecast(mondayMornings([100, 1, 1, 1]), { end, weeks: 3, historyStart: weeksAgo(4) });
    expect(forecast.weeksUsed).toBe(3);
    expect(forecast.perHour[MONDAY_9]).toBe(1);
  });
});
