/** /admin/dashboard, /admin/staffing, /admin/cost: pages around the admin/numbers modules. */
import type { Request } from 'express';
import type { AdminDependencies } from '../dependencies.ts';
import type { AdminRoute, PageContext } from '../http/context.ts';
import { html, type Html } from '../http/html.ts';
import { notice, page } from '../views/layout.ts';
import { readSetting, scheduleFromBusinessHours, SETTINGS, writeSetting } from '../settings/schemas.ts';
import { hasRole } from '../auth/roles.ts';
import { audit } from '../http/audit.ts';
import { AdminInputError } from '../http/errors.ts';
import { csrfField } from '../views/layout.ts';
import { figuresView } from './figures-view.ts';
import type { FigureRange } from './numbers-port.ts';
import { staffingView } from './staffing-view.ts';

const DAY = 86400_000;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function rangeOf(req: Request, now: Date): FigureRange & { fromDay: string; toDay: string } {
  const toDay = isDay(req.query.to) ? req.query.to : now.toISOString().slice(0, 10);
  const fromDay = isDay(req.query.from) ? req.query.from : new Date(now.getTime() - 6 * DAY).toISOString().slice(0, 10);
  const channel = typeof req.query.channel === 'string' && req.query.channel ? req.query.channel.slice(0, 40) : undefined;
  return { from: new Date(`${fromDay}T00:00:00Z`), to: new Date(new Date(`${toDay}T00:00:00Z`).getTime() + DAY), fromDay, toDay, ...(channel ? { channel } : {}) };
}

function rangeForm(ctx: PageContext, range: ReturnType<typeof rangeOf>, channels: readonly string[] | undefined): Html {
  const { t } = ctx;
  return html`<form method="get" class="filters row">
<label>${t('common.from')} <input type="date" name="from" value="${range.fromDay}"></label>
<label>${t('common.to')} <input type="date" name="to" value="${range.toDay}"></label>
${channels ? html`<label>${t('conv.channel')} <select name="channel"><option value="">${t('common.any')}</option>${channels.map((c) => html`<option ${range.channel === c ? 'selected' : ''}>${c}</option>`)}</select></label>` : ''}
<button>${t('common.filter')}</button></form>`;
}

/** The admin's prices per conversation (others see them, read-only). */
function costForm(ctx: PageContext, cost: { humanCost: number; botCost: number | null }): Html {
  const { t } = ctx;
  return html`<form method="post" action="/admin/cost/prices" class="card cost-prices">${csrfField(ctx)}<fieldset ${hasRole(ctx.admin.role, 'admin') ? '' : 'disabled'} class="row">
<label>${t('cost.human')} <input type="number" step="0.01" min="0.01" name="humanCost" value="${cost.humanCost}" required></label>
<label>${t('cost.bot')} <input type="number" step="0.001" min="0" name="botCost" value="${cost.botCost ?? ''}" placeholder="${(cost.humanCost / 10).toFixed(2)}"></label>
<button>${t('common.save')}</button></fieldset><p class="hint">${t('cost.hint')}</p></form>`;
}

export function reportRoutes(deps: AdminDependencies): AdminRoute[] {
  const { db } = deps;
  const missing = (ctx: PageContext) => notice(ctx.t('report.notWired'), 'warn');
  return [
    {
      method: 'get', path: '/dashboard', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const range = rangeOf(req, deps.now());
        const channels = (await db.inbox.findMany({ distinct: ['channel'], select: { channel: true } })).map((i) => i.channel).sort();
        const body = deps.numbers ? figuresView(ctx, await deps.numbers.dashboardFigures(db, range)) : missing(ctx);
        res.type('html').send(page(ctx, ctx.t('nav.dashboard'), html`${rangeForm(ctx, range, channels)}${body}`).value);
      },
    },
    {
      method: 'get', path: '/cost', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const range = rangeOf(req, deps.now());
        const body = deps.numbers ? figuresView(ctx, await deps.numbers.costFigures(db, range)) : missing(ctx);
        const prices = costForm(ctx, await readSetting(db, 'cost'));
        const saved = req.query.done === 'saved' ? notice(ctx.t('common.saved')) : html``;
        res.type('html').send(page(ctx, ctx.t('nav.cost'), html`${saved}${prices}${rangeForm(ctx, range, undefined)}${body}`).value);
      },
    },
    {
      method: 'post', path: '/cost/prices', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const b = (req.body ?? {}) as Record<string, string | undefined>;
        const parsed = SETTINGS.cost.safeParse({ humanCost: Number(b.humanCost), botCost: b.botCost?.trim() ? Number(b.botCost) : null });
        if (!parsed.success) throw new AdminInputError(`cost: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
        await writeSetting(db, 'cost', parsed.data, ctx.admin.email);
        audit(deps.logger, ctx, 'settings.cost', { humanCost: parsed.data.humanCost, botCost: parsed.data.botCost });
        res.redirect(303, '/admin/cost?done=saved');
      },
    },
    {
      method: 'get', path: '/staffing', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const number = (name: string, fallback: number, min: number, max: number) => {
          const value = Number(req.query[name]);
          return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
        };
        const params = {
          handleSeconds: number('handleSeconds', 300, 10, 36_000),
          target: number('target', 0.8, 0.01, 0.999),
          withinSeconds: number('withinSeconds', 60, 1, 3600),
          concurrency: Math.round(number('concurrency', 2, 1, 20)),
        };
        if (!deps.numbers) return void res.type('html').send(page(ctx, ctx.t('nav.staffing'), missing(ctx)).value);
        const [hours, agents] = await Promise.all([readSetting(db, 'business_hours'), db.agent.count({ where: { active: true } })]);
        const forecast = await deps.numbers.forecastHumanArrivals(db, { end: deps.now(), timeZone: hours.timeZone });
        const rows = deps.numbers.staffingPlan({ forecast: forecast.perHour, ...params, schedule: scheduleFromBusinessHours(hours, agents) });
        res.type('html').send(page(ctx, ctx.t('nav.staffing'), staffingView(ctx, params, forecast, rows)).value);
      },
    },
  ];
}
