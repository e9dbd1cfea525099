/**
 * The seasonal average: the plain weekly forecast, and the fallback when history is too short to measure
 * anything better (forecast-choice.ts).
 *
 * Exports:
 *   seasonalAverage(arrivals: Date[], { end, weeks = 8, timeZone = 'UTC', historyStart? }) → Forecast (pure)
 *   Forecast, ForecastOptions
 *
 * For each of the 168 hours of the week, the arrivals in that hour over the last `weeks` weeks divided by
 * how many times that hour occurred in the window. The window starts at the later of (end − weeks) and the
 * start of the hour of the first arrival ever recorded, so a hub with two weeks of history is averaged over
 * two weeks, not diluted over eight. The window ends at the start of `end`'s hour (an hour not yet over is
 * left out). The method's name is returned for display.
 */
import { HOURS_PER_WEEK, emptyWeek, hourOfWeek } from './hour-of-week.ts';

export interface Forecast {
  /** For display next to the chart, e.g. 'seasonal average of the last 8 weeks'. */
  method: string;
  /** Weeks of history actually averaged (may be fractional, fewer than asked when history is short). */
  weeksUsed: number;
  /** Expected arrivals in each hour of the week, index 0 = Monday 00:00 (see hour-of-week.ts). */
  perHour: number[];
}

export interface ForecastOptions {
  /** End of the history window (exclusive); usually now. */
  end: Date;
  /** @defaultValue 8 */
  weeks?: number;
  /** @defaultValue 'UTC' */
  timeZone?: string;
  /** When the hub's history begins; default: the earliest of the arrivals given. */
  historyStart?: Date;
}

const HOUR_MS = 60 * 60 * 1000;
const WEEK_MS = HOURS_PER_WEEK * HOUR_MS;

export function seasonalAverage(arrivals: readonly Date[], options: ForecastOptions): Forecast {
  const weeks = options.weeks ?? 8;
  const timeZone = options.timeZone ?? 'UTC';
  if (!(Number.isInteger(weeks) && weeks >= 1)) throw new RangeError(`weeks must be a whole number ≥ 1, got ${weeks}`);
  // The current hour is not over: counting it as an occurrence would dilute that hour's average.
  const end = options.end.getTime() - (options.end.getTime() % HOUR_MS);
  const inWindow = arrivals.filter((at) => at.getTime() < end && at.getTime() >= end - weeks * WEEK_MS);
  const method = `seasonal average of the last ${weeks} week${weeks === 1 ? '' : 's'}`;
  const first = options.historyStart?.getTime() ?? Math.min(...arrivals.map((at) => at.getTime()));
  const start = Math.max(end - weeks * WEEK_MS, first - (first % HOUR_MS));
  if (!(start < end)) return { method, weeksUsed: 0, perHour: emptyWeek() }; // no history yet
  const counts = emptyWeek();
  for (const at of inWindow) if (at.getTime() >= start) counts[hourOfWeek(at, timeZone)]! += 1;
  const occurrences = emptyWeek();
  for (let hour = start; hour < end; hour += HOUR_MS) occurrences[hourOfWeek(new Date(hour), timeZone)]! += 1;
  return {
    method,
    weeksUsed: (end - start) / WEEK_MS,
    perHour: counts.map((count, slot) => (occurrences[slot]! > 0 ? count / occurrences[slot]! : 0)),
  };
}
