/**
 * The routing policy edited on the Settings page is the one the hub uses: stored in routingPolicySchema's
 * shape, laid over the config file's by app/routing-settings.ts (at most every few seconds, an invalid row
 * ignored with a log line), and shown at once by "try it".
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTryIt } from '../../admin/try-it.ts';
import { KnowledgeBase } from '../../bot/knowledge-base.ts';
import { createAnswerEngine } from '../../bot/answer-engine.ts';
import { trainMatcher } from '../../bot/matcher/index.ts';
import { createRoutingRulesSource } from '../../app/routing-settings.ts';
import { DEFAULT_ROUTING_RULES, DEFAULT_THRESHOLDS, routingPolicySchema, type RoutingRules } from '../../core/routing/policy.ts';
import { postForm, signInAs, startAdminApp, type AdminApp } from './support/admin-app.ts';
import { seedHub } from './support/seed.ts';

/** The routing form's fields as the page renders them (what a browser would post back unchanged). */
function routingFormFields(page: string): Record<string, string> {
  const form = /<form method="post" action="\/admin\/settings\/routing">([\s\S]*?)<\/form>/.exec(page)![1]!;
  const fields: Record<string, string> = {};
  for (const [, tag] of form.matchAll(/<input ([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(tag!)?.[1];
    if (!name || name === '_csrf') continue;
    if (/type="checkbox"/.test(tag!)) {
      if (/ checked/.test(tag!)) fields[name] = 'on';
    } else fields[name] = /value="([^"]*)"/.exec(tag!)?.[1] ?? '';
  }
  for (const [, name, text] of form.matchAll(/<textarea name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[name!] = text!;
  return fields;
}

describe('routing policy from the Settings page', () => {
  let app: AdminApp;
  let admin: { cookie: string; csrf: string };
  const clock = { ms: 0 };
  const warnings: Array<Record<string, unknown>> = [];
  // The "config file": a rule the page does not change must survive a save.
  const base: RoutingRules = { ...DEFAULT_ROUTING_RULES, tagsToHuman: ['wholesale'] };
  let source: ReturnType<typeof createRoutingRulesSource>;

  beforeAll(async () => {
    app = await startAdminApp('sqlite');
    const db = app.db.database.prisma;
    await seedHub(db, app.clock.now);
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _enc, done) => void (warnings.push(JSON.parse(String(chunk))), done()) }));
    source = createRoutingRulesSource({ db, base, logger, now: () => new Date(clock.ms), refreshMs: 5000 });
    const knowledge = new KnowledgeBase({ db, train: trainMatcher, checkEveryMs: 0 });
    // A fixed complaint risk, so only the threshold decides.
    const bot = async () => ({ ...createAnswerEngine({ knowledge, logger }), complaintRisk: () => 0.5 });
    app.deps.tryIt = createTryIt(bot, async () => ({ ...(await source.load()), answering: DEFAULT_THRESHOLDS }), app.deps.now);
    app.deps.routingBase = base;
    admin = await signInAs(app.url, 'admin');
  });
  afterAll(async () => {
    await app?.close();
  });

  const tryIt = async (question: string) => {
    const response = await postForm(app.url, admin, '/admin/faqs/try', { question });
    expect(response.status).toBe(200);
    return /<strong>([^<]+)<\/strong> — ([^<]+)/.exec(await response.text())!;
  };
  const settingsPage = async () => (await fetch(`${app.url}/admin/settings`, { headers: { cookie: admin.cookie } })).text();

  it('moves "try it" to a person once the complaint threshold is lowered on the page', async () => {
    expect((await tryIt('How long does delivery take?'))[1]).toBe('bot');
    const fields = routingFormFields(await settingsPage());
    expect(fields.complaintRiskToHuman).toBe('0.8');
    const saved = await postForm(app.url, admin, '/admin/settings/routing', { ...fields, complaintRiskToHuman: '0.4' });
    expect(saved.status).toBe(303);
    const [, tier, reason] = await tryIt('How long does delivery take?');
    expect(tier).toBe('human');
    expect(reason).toMatch(/complaint/);
  });

  it('stores exactly the routingPolicySchema shape, keeping the config file\'s rules the form did not change', async () => {
    const row = await app.db.database.prisma.adminSetting.findUniqueOrThrow({ where: { key: 'routing' } });
    const stored = routingPolicySchema.strict().parse(row.value);
    expect(stored).toMatchObject({ complaintRiskToHuman: 0.4, tagsToHuman: ['wholesale'], renotifyAfterSeconds: 300 });
    expect(source.current()).toMatchObject({ complaintRiskToHuman: 0.4, tagsToHuman: ['wholesale'] });
  });

  it('folds business hours and peak periods into the stored policy', async () => {
    const hours: Record<string, string> = { timeZone: 'Asia/Shanghai', open0: '09:00', close0: '18:00', open5: '10:00', close5: '16:00' };
    expect((await postForm(app.url, admin, '/admin/settings/business-hours', hours)).status).toBe(303);
    expect((await postForm(app.url, admin, '/admin/settings/peak-mode', { peak: '2026-11-11T00:00 2026-11-12T02:00 Singles Day' })).status).toBe(303);
    const rules = await source.load();
    expect(rules.businessHours).toMatchObject({ utcOffsetMinutes: 480, days: { '1': ['09:00', '18:00'], '6': ['10:00', '16:00'] } });
    expect(rules.peakMode.windows).toEqual([{ from: '2026-11-11T00:00:00+08:00', to: '2026-11-12T02:00:00+08:00' }]);
    expect(rules.complaintRiskToHuman).toBe(0.4);
  });

  it('refuses a form the hub would not accept (400) and keeps the policy', async () => {
    const fields = routingFormFields(await settingsPage());
    const refused = await postForm(app.url, admin, '/admin/settings/routing', { ...fields, categoryTiers: 'coupons robot' });
    expect(refused.status).toBe(400);
    expect((await source.load()).categoryTiers).toEqual({});
  });

  it('reads the database at most every refreshMs, and ignores an invalid stored value with a log line', async () => {
    clock.ms = 1_000_000;
    await source.load();
    await app.db.database.prisma.adminSetting.update({ where: { key: 'routing' }, data: { value: { complaintRiskToHuman: 7 } } });
    clock.ms += 4000;
    expect(source.current().complaintRiskToHuman).toBe(0.4); // not stale yet: no read
    clock.ms += 1000;
    source.current(); // stale: starts a reload
    await source.load();
    expect(source.current()).toEqual(base);
    expect(warnings).toContainEqual(expect.objectContaining({ setting: 'routing', msg: expect.stringContaining('invalid') }));
  });
});
