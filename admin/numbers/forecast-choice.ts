/**
 * "A seasonal average, or better where measured" (issue 21): three weekly methods are each asked to
 * predict the last complete week from the weeks before it, and the one with the smallest error forecasts.
 *
 * Exports (pure):
 *   bestForecast(arrivals: Date[], { end, weeks = 8, timeZone = 'UTC', historyStart? }) → ChosenForecast
 *     ChosenForecast = Forecast & { error: number | null, compared: [{ method, error }] }
 *
 * Methods, over the complete weeks of history before `end` (at most `weeks`; week 0 = the latest):
 *   seasonal average           mean of each hour of the week over the weeks
 *   same hour last week        week 0 alone (follows a trend fastest, noisiest)
 *   recency-weighted average   weights halve with each week back (between the two)
 * Error: mean absolute error per hour of the held-out week (arrivals per hour). Ties go to the seasonal
 * average, the plainest. With fewer than two complete weeks nothing can be measured, so the seasonal
 * average of forecast.ts (which also uses a part week) is returned with error null.
 */
import { seasonalAverage, type Forecast, type ForecastOptions } from './seasonal-average.ts';
import { HOURS_PER_WEEK, emptyWeek, hourOfWeek } from './hour-of-week.ts';

export interface ChosenForecast extends Forecast {
  /** The chosen method's error on the held-out week, or null when it could not be measured. */
  error: number | null;
  compared: Array<{ method: string; error: number }>;
}

const HOUR_MS = 60 * 60 * 1000;
const WEEK_MS = HOURS_PER_WEEK * HOUR_MS;

type Method = { name: (weeks: number) => string; predict: (weeksNewestFirst: number[][]) => number[] };

const METHODS: readonly Method[] = [
  { name: (weeks) => `seasonal average of the last ${weeks} week${weeks === 1 ? '' : 's'}`, predict: (weeks) => weighted(weeks, () => 1) },
  { name: () => 'same hour last week', predict: (weeks) => [...weeks[0]!] },
  { name: (weeks) => `recency-weighted average of the last ${weeks} week${weeks === 1 ? '' : 's'}`, predict: (weeks) => weighted(weeks, (k) => 0.5 ** k) },
];

export function bestForecast(arrivals: readonly Date[], options: ForecastOptions): ChosenForecast {
  const maxWeeks = options.weeks ?? 8;
  const end = options.end.getTime() - (options.end.getTime() % HOUR_MS);
  const first = options.historyStart?.getTime() ?? Math.min(...arrivals.map((at) => at.getTime()));
  const firstHour = first - (first % HOUR_MS);
  const complete = Number.isFinite(first) ? Math.min(maxWeeks, Math.floor((end - firstHour) / WEEK_MS)) : 0;
  if (complete < 2) return { ...seasonalAverage(arrivals, options), error: null, compared: [] };

  const weeks = weeklyCounts(arrivals, end, complete, options.timeZone ?? 'UTC');
  const compared = METHODS.map((method) => ({ method, error: meanAbsoluteError(method.predict(weeks.slice(1)), weeks[0]!) }));
  const best = compared.reduce((winner, candidate) => (candidate.error < winner.error - 1e-12 ? candidate : winner));
  return {
    method: best.method.name(complete),
    weeksUsed: complete,
    perHour: best.method.predict(weeks),
    error: best.error,
    compared: compared.map(({ method, error }) => ({ method: method.name(complete), error })),
  };
}

/** counts[k][hour]: arrivals in week k before `end` (k = 0 the latest), by hour of the week. */
function weeklyCounts(arrivals: readonly Date[], end: number, weeks: number, timeZone: string): number[][] {
  const counts = Array.from({ length: weeks }, () => emptyWeek());
  for (const at of arrivals) {
    const week = Math.floor((end - 1 - at.getTime()) / WEEK_MS);
    if (at.getTime() < end && week >= 0 && week < weeks) counts[week]![hourOfWeek(at, timeZone)]! += 1;
  }
  return counts;
}

function weighted(weeksNewestFirst: number[][], weightOf: (weeksBack: number) => number): number[] {
  const total = weeksNewestFirst.reduce((sum, _, k) => sum + weightOf(k), 0);
  return emptyWeek().map((_, hour) => weeksNewestFirst.reduce((sum, week, k) => sum + weightOf(k) * week[hour]!, 0) / total);
}

function meanAbsoluteError(predicted: readonly number[], actual: readonly number[]): number {
  return predicted.reduce((sum, value, hour) => sum + Math.abs(value - actual[hour]!), 0) / HOURS_PER_WEEK;
}
