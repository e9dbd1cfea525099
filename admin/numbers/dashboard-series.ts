/**
 * "Per period" (issue 21): the dashboard's figures for each day or week of a range, for trend charts.
 *
 * Export:
 *   figuresPerPeriod(db, { from, to, step: 'day' | 'week', channel?, inboxId?, timeZone? })
 *     → Array<{ from, to } & Figures>   one entry per step from `from`; the last one ends at `to`
 *
 * Each entry is dashboardFigures of its own period (not a slice of the whole range's figures), so a
 * conversation active on three days counts once on each of those days, as the day's dashboard would
 * show it. Steps are fixed lengths from `from`: pass a local midnight (or a Monday) to get calendar days
 * (or weeks) in the admin's time zone.
 */
import type { Db } from '../../core/storage/database.ts';
import type { PeriodFilter } from './conversation-facts.ts';
import { dashboardFigures, type Figures } from './dashboard.ts';

const STEP_MS = { day: 24 * 60 * 60 * 1000, week: 7 * 24 * 60 * 60 * 1000 } as const;
/** A year of days: a bound on the queries one page load may run. */
const MAX_PERIODS = 366;

export async function figuresPerPeriod(
  db: Db,
  options: PeriodFilter & { step: keyof typeof STEP_MS; timeZone?: string },
): Promise<Array<{ from: Date; to: Date } & Figures>> {
  const step = STEP_MS[options.step];
  const count = Math.ceil((options.to.getTime() - options.from.getTime()) / step);
  if (!(count >= 1)) throw new RangeError('the range must end after it starts');
  if (count > MAX_PERIODS) throw new RangeError(`at most ${MAX_PERIODS} periods at a time, asked for ${count}`);
  const series: Array<{ from: Date; to: Date } & Figures> = [];
  for (let index = 0; index < count; index++) {
    const from = new Date(options.from.getTime() + index * step);
    const to = new Date(Math.min(from.getTime() + step, options.to.getTime()));
    const { targetMix: _target, perChannel: _channels, ...figures } = await dashboardFigures(db, { ...options, from, to });
    series.push({ from, to, ...figures });
  }
  return series;
}
