import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastHumanArrivals, seasonalAverage, staffingPlan } from '../../../admin/numbers/forecast.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

// 2026-11-30 is a Monday: the window of the last two weeks is Mon 16 Nov 00:00 – Mon 30 Nov 00:00 (UTC).
const end = new Date('2026-11-30T00:00:00Z');
const MONDAY_9 = 9;
const TUESDAY_14 = 24 + 14;

function times(...isoTimes: string[]): Date[] {
  return isoTimes.map((iso) => new Date(iso));
}

/** Mon 09:xx: 3 in the first week, 5 in the second (average 4); Tue 14:xx: 2 in the second week only (average 1). */
const history = times(
  '2026-11-16T09:05:00Z', '2026-11-16T09:20:00Z', '2026-11-16T09:59:00Z',
  '2026-11-23T09:00:00Z', '2026-11-23T09:10:00Z', '2026-11-23T09:20:00Z', '2026-11-23T09:30:00Z', '2026-11-23T09:40:00Z',
  '2026-11-24T14:15:00Z', '2026-11-24T14:45:00Z',
  '2026-11-09T09:00:00Z', // three weeks back: outside a two-week window
  '2026-11-30T09:00:00Z', // at or after the end: not history
);

describe('seasonal average', () => {
  it('averages each hour of the week over the weeks in the window', () => {
    const forecast = seasonalAverage(history, { end, weeks: 2 });
    expect(forecast.method).toBe('seasonal average of the last 2 weeks');
    expect(forecast.weeksUsed).toBe(2);
    expect(forecast.perHour).toHaveLength(168);
    expect(forecast.perHour[MONDAY_9]).toBe(4);
    expect(forecast.perHour[TUESDAY_14]).toBe(1);
    expect(forecast.perHour.reduce((sum, value) => sum + value, 0)).toBe(5);
  });

  it('averages over the history there is, not the weeks asked for', () => {
    // Asked for 8 weeks; history (in the window) starts at Mon 9 Nov 09:00: 3 weeks less 9 hours.
    const forecast = seasonalAverage(history, { end, weeks: 8 });
    expect(forecast.weeksUsed).toBeCloseTo(3 - 9 / 168, 12);
    expect(forecast.perHour[MONDAY_9]).toBe(9 / 3); // 1 + 3 + 5 arrivals, Monday 09:00 occurred 3 times
    expect(forecast.perHour[TUESDAY_14]).toBe(2 / 3);
  });

  it('is all zeros without history', () => {
    const forecast = seasonalAverage([], { end, weeks: 4 });
    expect(forecast.weeksUsed).toBe(0);
    expect(forecast.perHour.every((value) => value === 0)).toBe(true);
  });

  it('buckets by the admin’s time zone', () => {
    // Mon 09:xx UTC is Mon 17:xx in Shanghai.
    expect(seasonalAverage(history, { end, weeks: 2, timeZone: 'Asia/Shanghai' }).perHour[17]).toBe(4);
  });
});

describe('staffing plan', () => {
  const forecast = new Array<number>(168).fill(0);
  forecast[10] = 200; // Call Centre Helper's example: 200/h, AHT 180 s, 80% in 20 s → 14 agents
  forecast[11] = 100; // A = 5 Erlangs → 8 agents (7 give less than 80%)
  const schedule = new Array<number>(168).fill(1);
  schedule[10] = 10;
  schedule[11] = 8;

  const rows = staffingPlan({ forecast, handleSeconds: 180, target: 0.8, withinSeconds: 20, schedule });

  it('has one row per hour, peaks first', () => {
    expect(rows).toHaveLength(168);
    expect(rows.slice(0, 2).map((row) => row.hourOfWeek)).toEqual([10, 11]);
    // The empty hours follow in order.
    expect(rows[2]!.hourOfWeek).toBe(0);
  });

  it('needs 14 agents for 200 chats/h and is 4 short with 10 scheduled', () => {
    expect(rows[0]).toMatchObject({ hourOfWeek: 10, arrivals: 200, needed: 14, scheduled: 10, gap: 4 });
    expect(rows[0]!.scheduledServiceLevel).toBe(0); // 10 agents for 10 Erlangs: the queue never empties
  });

  it('needs 8 for 100 chats/h, exactly as scheduled', () => {
    expect(rows[1]).toMatchObject({ hourOfWeek: 11, arrivals: 100, needed: 8, scheduled: 8, gap: 0 });
    expect(rows[1]!.scheduledServiceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('an hour without arrivals needs nobody: a scheduled agent is a surplus of one', () => {
    expect(rows[2]).toMatchObject({ arrivals: 0, needed: 0, scheduled: 1, gap: -1, scheduledServiceLevel: 1 });
  });

  it('counts an agent as several servers with chat concurrency', () => {
    const withThree = staffingPlan({ forecast, handleSeconds: 180, target: 0.8, withinSeconds: 20, schedule, concurrency: 3 });
    expect(withThree[0]).toMatchObject({ needed: 5, gap: -5 }); // ceil(14 / 3)
  });

  it('refuses a week that is not 168 hours', () => {
    expect(() => staffingPlan({ forecast: [1, 2], handleSeconds: 180, target: 0.8, withinSeconds: 20, schedule })).toThrow(RangeError);
  });
});

describe('forecast from the database', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
    const { prisma } = test.database;
    const inbox = await prisma.inbox.create({ data: { key: 'web', channel: 'http', name: 'Web' } });
    const contact = await prisma.contact.create({ data: {} });
    const conversation = await prisma.conversation.create({
      data: { inboxId: inbox.id, contactId: contact.id, externalConversationId: 'c', reference: {} },
    });
    for (const at of history) {
      await prisma.escalation.create({ data: { conversationId: conversation.id, reason: 'low_confidence', tier: 'human', createdAt: at } });
    }
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('counts escalations as human-routed arrivals', async () => {
    const forecast = await forecastHumanArrivals(test.database.prisma, { end, weeks: 2 });
    expect(forecast.perHour[MONDAY_9]).toBe(4);
    expect(forecast.perHour[TUESDAY_14]).toBe(1);
  });
});
