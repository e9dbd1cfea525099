/**
 * Hour of the week, the bucket every weekly figure uses (volume by hour, forecast, schedule).
 *
 * Exports:
 *   HOURS_PER_WEEK = 168
 *   hourOfWeek(at: Date, timeZone = 'UTC') → 0..167, 0 = Monday 00:00–00:59, 167 = Sunday 23:00–23:59
 *   hourOfWeekLabel(hour) → 'Mon 09:00'
 *   emptyWeek() → number[168] of zeros
 *
 * Monday first (ISO week), in the admin's time zone (an IANA name such as 'Asia/Shanghai'), because a
 * support team's schedule is written in local time.
 */
export const HOURS_PER_WEEK = 168;

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function hourOfWeek(at: Date, timeZone = 'UTC'): number {
  if (timeZone === 'UTC') return ((at.getUTCDay() + 6) % 7) * 24 + at.getUTCHours();
  const parts = formatterFor(timeZone).formatToParts(at);
  const weekday = WEEKDAY_INDEX[parts.find((part) => part.type === 'weekday')?.value ?? ''];
  const hour = Number(parts.find((part) => part.type === 'hour')?.value);
  if (weekday === undefined || !Number.isInteger(hour)) throw new RangeError(`cannot read the hour of the week in ${timeZone}`);
  return weekday * 24 + (hour % 24);
}

export function hourOfWeekLabel(hour: number): string {
  if (!Number.isInteger(hour) || hour < 0 || hour >= HOURS_PER_WEEK) throw new RangeError(`hour of week must be 0..167, got ${hour}`);
  return `${DAY_NAMES[Math.floor(hour / 24)]} ${String(hour % 24).padStart(2, '0')}:00`;
}

export function emptyWeek(): number[] {
  return new Array<number>(HOURS_PER_WEEK).fill(0);
}
