import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, type ChannelSettingsSchemas } from '../../../core/config/config.ts';
import { closedLine } from '../../../core/handoff/customer-lines.ts';
import { localTime, nextOpening } from '../../../core/handoff/wait-estimate.ts';
import { withInboxHours, type RoutingRules } from '../../../core/routing/policy.ts';

// Issue 19: business hours and holidays per inbox.
const schemas: ChannelSettingsSchemas = { telegram: z.object({ botToken: z.string().min(1), webhookSecret: z.string().min(1) }) };
const shopHours = { utcOffsetMinutes: 480, days: { 1: ['09:00', '18:00'], 2: ['09:00', '18:00'], 3: ['09:00', '18:00'], 4: ['09:00', '18:00'], 5: ['09:00', '18:00'] } };
const lateLine = { utcOffsetMinutes: 480, days: { 2: ['09:00', '23:00'] }, holidays: ['2026-12-25'] };
const inbox = (key: string, extra: Record<string, unknown> = {}) => ({ key, channel: 'telegram', settings: { botToken: `${key}:t`, webhookSecret: 's' }, ...extra });
const load = (file: unknown) => loadConfig({}, schemas, () => JSON.stringify(file));
/** What the acknowledgement says for an inbox at `now`: the "we are back at …" line, or undefined when open. */
const ackWhenClosed = (rules: RoutingRules, now: Date) => {
  const back = nextOpening(now, rules.businessHours);
  return back && rules.businessHours ? closedLine('en', localTime(back, rules.businessHours)) : undefined;
};

describe('business hours per inbox', () => {
  const config = load({
    routing: { businessHours: shopHours },
    inboxes: [inbox('shop'), inbox('late', { businessHours: lateLine }), inbox('always', { businessHours: null })],
  });
  const rulesOf = (key: string) => withInboxHours(config.routing, config.inboxes.find((i) => i.key === key)!.businessHours);
  // Tuesday 2026-12-01, 20:00 in China: the shop is closed, the late line is open.
  const tuesdayEvening = new Date('2026-12-01T12:00:00Z');

  it('reads an inbox\'s own hours from the config file, null meaning always open, absent the policy\'s', () => {
    expect(config.inboxes.map((i) => [i.key, i.businessHours === undefined ? 'policy' : i.businessHours === null ? 'always' : 'own'])).toEqual([
      ['shop', 'policy'], ['late', 'own'], ['always', 'always'],
    ]);
    expect(config.inboxes[1]!.businessHours).toMatchObject({ days: { 2: ['09:00', '23:00'] }, holidays: ['2026-12-25'] });
  });

  it.each([
    ['shop', 'the policy\'s hours: closed, back tomorrow morning', '2026-12-02 09:00'],
    ['late', 'its own: still open', undefined],
    ['always', 'always open', undefined],
  ])('the acknowledgement of %s follows %s', (key, _why, back) => {
    const line = ackWhenClosed(rulesOf(key), tuesdayEvening);
    if (back === undefined) expect(line).toBeUndefined();
    else expect(line).toContain(back);
  });

  it('refuses invalid hours on an inbox, naming the inbox', () => {
    expect(() => load({ inboxes: [inbox('bad', { businessHours: { utcOffsetMinutes: 480, days: { 1: ['9am', '18:00'] } } })] })).toThrow(/inboxes\.0\.businessHours|HH:MM/);
  });

  it('keeps the rules untouched when the inbox says nothing', () => {
    expect(withInboxHours(config.routing, undefined)).toBe(config.routing);
  });
});
