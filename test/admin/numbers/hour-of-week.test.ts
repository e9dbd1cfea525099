import { describe, expect, it } from 'vitest';
import { hourOfWeek, hourOfWeekLabel } from '../../../admin/numbers/hour-of-week.ts';

describe('hour of the week', () => {
  it('starts on Monday 00:00 and ends on Sunday 23:00 (UTC)', () => {
    expect(hourOfWeek(new Date('2026-11-30T00:00:00Z'))).toBe(0); // a Monday
    expect(hourOfWeek(new Date('2026-11-30T09:59:59Z'))).toBe(9);
    expect(hourOfWeek(new Date('2026-12-01T14:00:00Z'))).toBe(24 + 14);
    expect(hourOfWeek(new Date('2026-12-06T23:30:00Z'))).toBe(167); // Sunday
  });
  it('reads the hour in the admin’s time zone', () => {
    // Monday 00:30 UTC is Monday 08:30 in Shanghai and Sunday 19:30 in New York (EST, UTC−5).
    const at = new Date('2026-11-30T00:30:00Z');
    expect(hourOfWeek(at, 'Asia/Shanghai')).toBe(8);
    expect(hourOfWeek(at, 'America/New_York')).toBe(6 * 24 + 19);
  });
  it('labels hours for tables', () => {
    expect(hourOfWeekLabel(0)).toBe('Mon 00:00');
    expect(hourOfWeekLabel(24 + 14)).toBe('Tue 14:00');
    expect(hourOfWeekLabel(167)).toBe('Sun 23:00');
    expect(() => hourOfWeekLabel(168)).toThrow(RangeError);
  });
});
