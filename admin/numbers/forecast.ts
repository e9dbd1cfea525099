/**
 * Staffing forecast (issue 21): chats that will need a person, per hour of the week, and the agents each
 * hour needs against the schedule the admin entered.
 *
 * Exports:
 *   seasonalAverage(arrivals: Date[], { end, weeks = 8, timeZone = 'UTC', historyStart? }) → Forecast (pure)
 *   loadHumanArrivals(db, from, to) → Date[]                                                 (reads the database)
 *   forecastHumanArrivals(db, { end, weeks?, timeZone? }) → Forecast                         (the two above)
 *   staffingPlan({ forecast, handleSeconds, target, withinSeconds, concurrency?, schedule }) → StaffingRow[]
 *
 * A human-routed arrival is an Escalation row (any tier: 'human' and 'bot_draft' both wait for a person),
 * at its createdAt. Escalations, not conversations: a conversation handed over twice is two pieces of work.
 *
 * Method: the seasonal average. For each of the 168 hours of the week, the arrivals in that hour over the
 * last `weeks` weeks divided by how many times that hour occurred in the window. The window starts at the
 * later of (end − weeks) and the start of the hour of the first arrival ever recorded, so a hub with two weeks
 * of history is averaged over two weeks, not diluted over eight. The window ends at the start of `end`'s hour
 * (an hour not yet over is left out). The method's name is returned for display.
 */
import type { Db } from '../../core/storage/database.ts';
import { agentsNeeded, serviceLevel as serviceLevelOf } from './erlang-c.ts';
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

export async function loadHumanArrivals(db: Db, from: Date, to: Date): Promise<Date[]> {
  const rows = await db.escalation.findMany({ where: { createdAt: { gte: from, lt: to } }, select: { createdAt: true } });
  return rows.map((row) => row.createdAt);
}

export async function forecastHumanArrivals(db: Db, options: ForecastOptions): Promise<Forecast> {
  const weeks = options.weeks ?? 8;
  const arrivals = await loadHumanArrivals(db, new Date(options.end.getTime() - weeks * WEEK_MS), options.end);
  const first = await db.escalation.findFirst({ orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
  return seasonalAverage(arrivals, { ...options, weeks, ...(first ? { historyStart: first.createdAt } : {}) });
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
