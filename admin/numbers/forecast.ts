/**
 * Staffing forecast (issue 21): chats that will need a person, per hour of the week, and the agents each
 * hour needs against the schedule the admin entered.
 *
 * Exports:
 *   loadHumanArrivals(db, from, to) → Date[]                                                 (reads the database)
 *   forecastHumanArrivals(db, { end, weeks?, timeZone? }) → ChosenForecast (Forecast + error, compared)
 *   seasonalAverage, bestForecast, Forecast, ForecastOptions, ChosenForecast             (re-exported)
 *   staffingPlan({ forecast, handleSeconds, target, withinSeconds, concurrency?, schedule }) → StaffingRow[]
 *
 * A human-routed arrival is an Escalation row (any tier: 'human' and 'bot_draft' both wait for a person),
 * at its createdAt. Escalations, not conversations: a conversation handed over twice is two pieces of work.
 *
 * Method: the best of three weekly methods measured on the last complete week (forecast-choice.ts), the
 * seasonal average (seasonal-average.ts) when history is too short to measure; its name is returned.
 */
import type { Db } from '../../core/storage/database.ts';
import { agentsNeeded, serviceLevel as serviceLevelOf } from './erlang-c.ts';
import { bestForecast, type ChosenForecast } from './forecast-choice.ts';
import { HOURS_PER_WEEK } from './hour-of-week.ts';
import type { ForecastOptions } from './seasonal-average.ts';

export { bestForecast, type ChosenForecast } from './forecast-choice.ts';
export { seasonalAverage, type Forecast, type ForecastOptions } from './seasonal-average.ts';

const WEEK_MS = HOURS_PER_WEEK * 60 * 60 * 1000;

export async function loadHumanArrivals(db: Db, from: Date, to: Date): Promise<Date[]> {
  const rows = await db.escalation.findMany({ where: { createdAt: { gte: from, lt: to } }, select: { createdAt: true } });
  return rows.map((row) => row.createdAt);
}

export async function forecastHumanArrivals(db: Db, options: ForecastOptions): Promise<ChosenForecast> {
  const weeks = options.weeks ?? 8;
  const arrivals = await loadHumanArrivals(db, new Date(options.end.getTime() - weeks * WEEK_MS), options.end);
  const first = await db.escalation.findFirst({ orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
  return bestForecast(arrivals, { ...options, weeks, ...(first ? { historyStart: first.createdAt } : {}) });
}

export interface StaffingInput {
  /** Expected arrivals per hour of the week (Forecast.perHour), 168 numbers. */
  forecast: readonly number[];
  /** Average handle time of a human-handled chat, seconds. */
  handleSeconds: number;
  /** Service-level target in [0, 1), e.g. 0.8. */
  target: number;
  /** e.g. 60: answered within 60 s. */
  withinSeconds: number;
  /** Chats one agent holds at once. @defaultValue 1 */
  concurrency?: number;
  /** Agents the admin scheduled per hour of the week, 168 numbers. */
  schedule: readonly number[];
}

export interface StaffingRow {
  hourOfWeek: number;
  arrivals: number;
  /** Fewest agents meeting the target at that hour's forecast (Erlang C). */
  needed: number;
  scheduled: number;
  /** needed − scheduled: positive = short of people, negative = more than needed. */
  gap: number;
  /** Service level the scheduled agents would give (1 when there are no arrivals). */
  scheduledServiceLevel: number;
}

/**
 * One row per hour of the week, peaks first: most arrivals first, then the biggest shortage, then the
 * earlier hour, so the table opens with the hours that decide the staffing.
 */
export function staffingPlan(input: StaffingInput): StaffingRow[] {
  requireWeek('forecast', input.forecast);
  requireWeek('schedule', input.schedule);
  if (input.schedule.some((agents) => !Number.isInteger(agents))) throw new RangeError('schedule must hold whole numbers of agents');
  const concurrency = input.concurrency ?? 1;
  const rows = input.forecast.map((arrivals, hour): StaffingRow => {
    const load = { arrivalsPerHour: arrivals, handleSeconds: input.handleSeconds, target: input.target, withinSeconds: input.withinSeconds, concurrency };
    const needed = agentsNeeded(load).agents;
    const scheduled = input.schedule[hour]!;
    return { hourOfWeek: hour, arrivals, needed, scheduled, gap: needed - scheduled, scheduledServiceLevel: scheduledLevel(load, scheduled) };
  });
  return rows.sort((a, b) => b.arrivals - a.arrivals || b.gap - a.gap || a.hourOfWeek - b.hourOfWeek);
}

function scheduledLevel(load: { arrivalsPerHour: number; handleSeconds: number; withinSeconds: number; concurrency: number }, agents: number): number {
  if (load.arrivalsPerHour === 0) return 1;
  return serviceLevelOf({ ...load, servers: agents * load.concurrency });
}

function requireWeek(name: string, values: readonly number[]): void {
  if (values.length !== HOURS_PER_WEEK) throw new RangeError(`${name} must have ${HOURS_PER_WEEK} hours, got ${values.length}`);
  if (values.some((value) => !(Number.isFinite(value) && value >= 0))) throw new RangeError(`${name} must hold finite numbers ≥ 0`);
}
