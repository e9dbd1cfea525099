/** /admin/settings: inboxes and their webhook URLs, routing policy, hours, holidays, peak mode, agents. */
import type { Request } from 'express';
import type { AdminDependencies } from '../dependencies.ts';
import type { AdminRoute } from '../http/context.ts';
import { AdminInputError, AdminNotFoundError } from '../http/errors.ts';
import { html } from '../http/html.ts';
import { notice, page } from '../views/layout.ts';
import { readSetting, SETTINGS, writeSetting, type SettingKey, type SettingValue } from './schemas.ts';
import { agentRoutes } from './agents.ts';
import { audit } from '../http/audit.ts';
import { DEFAULT_ROUTING_RULES } from '../../core/routing/policy.ts';
import { effectiveRoutingRules, routingFormRules, saveRoutingPolicy } from './routing-policy.ts';
import { inboxCheckResult, settingsPage } from './views.ts';

const form = (req: Request) => (req.body ?? {}) as Record<string, string | undefined>;

function valid<K extends SettingKey>(key: K, value: unknown): SettingValue<K> {
  const parsed = SETTINGS[key].safeParse(value);
  if (!parsed.success) throw new AdminInputError(`${key}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data as SettingValue<K>;
}

export function settingsRoutes(deps: AdminDependencies): AdminRoute[] {
  const { db } = deps;
  const saved = '/admin/settings?done=saved';
  const base = () => deps.routingBase ?? DEFAULT_ROUTING_RULES;
  /** Hours, holidays and peak periods are part of the policy the hub reads: fold them in after each save. */
  const refold = (by: string) => saveRoutingPolicy(db, base(), by, deps.now());
  return [
    {
      method: 'get', path: '/settings', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const [inboxes, agents, routing, hours, holidays, peak] = await Promise.all([
          db.inbox.findMany({ orderBy: { name: 'asc' } }),
          db.agent.findMany({ orderBy: { name: 'asc' } }),
          effectiveRoutingRules(db, base()),
          readSetting(db, 'business_hours'),
          readSetting(db, 'holidays'),
          readSetting(db, 'peak_mode'),
        ]);
        const content = html`${notice(req.query.done === 'saved' ? ctx.t('common.saved') : undefined)}${settingsPage(ctx, {
          publicUrl: deps.publicUrl, canCheck: Boolean(deps.checkInbox), inboxes, agents, routing, hours, holidays, peak,
        })}`;
        res.type('html').send(page(ctx, ctx.t('nav.settings'), content).value);
      },
    },
    {
      method: 'post', path: '/settings/inboxes/:key/check', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const inbox = await db.inbox.findUnique({ where: { key: String(req.params.key) } });
        if (!inbox) throw new AdminNotFoundError('no such inbox');
        const result = deps.checkInbox ? await deps.checkInbox(inbox.key).catch((error: Error) => ({ ok: false, detail: error.message })) : { ok: false, detail: ctx.t('settings.noCheck') };
        res.type('html').send(inboxCheckResult(ctx, result).value);
      },
    },
    {
      method: 'post', path: '/settings/routing', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        await saveRoutingPolicy(db, base(), ctx.admin.email, deps.now(), routingFormRules(form(req)));
        audit(deps.logger, ctx, 'settings.routing');
        res.redirect(303, saved);
      },
    },
    {
      method: 'post', path: '/settings/business-hours', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const b = form(req);
        const days = Array.from({ length: 7 }, (_, d) => (b[`open${d}`] && b[`close${d}`] ? { open: b[`open${d}`], close: b[`close${d}`] } : null));
        await writeSetting(db, 'business_hours', valid('business_hours', { timeZone: b.timeZone, days }), ctx.admin.email);
        await refold(ctx.admin.email);
        audit(deps.logger, ctx, 'settings.business_hours');
        res.redirect(303, saved);
      },
    },
    {
      method: 'post', path: '/settings/holidays', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const lines = String(form(req).holidays ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
        const value = lines.map((line) => ({ date: line.slice(0, 10), name: line.slice(10).trim() }));
        await writeSetting(db, 'holidays', valid('holidays', value), ctx.admin.email);
        await refold(ctx.admin.email);
        audit(deps.logger, ctx, 'settings.holidays');
        res.redirect(303, saved);
      },
    },
    {
      method: 'post', path: '/settings/peak-mode', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const lines = String(form(req).peak ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
        const value = lines.map((line) => {
          const [from = '', to = '', ...note] = line.split(/\s+/);
          return { from, to, note: note.join(' ') };
        });
        await writeSetting(db, 'peak_mode', valid('peak_mode', value), ctx.admin.email);
        await refold(ctx.admin.email);
        audit(deps.logger, ctx, 'settings.peak_mode');
        res.redirect(303, saved);
      },
    },
    ...agentRoutes(deps),
  ];
}
