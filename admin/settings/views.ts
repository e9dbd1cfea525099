import { hasRole } from '../auth/roles.ts';
import type { InboxCheck } from '../dependencies.ts';
import type { PageContext } from '../http/context.ts';
import { html, type Html } from '../http/html.ts';
import { csrfField } from '../views/layout.ts';
import type { RoutingRules } from '../../core/routing/policy.ts';
import type { SettingValue } from './schemas.ts';

interface SettingsData {
  publicUrl: string | undefined;
  canCheck: boolean;
  inboxes: Array<{ key: string; name: string; channel: string; answerThreshold: number | null }>;
  agents: Array<{ id: string; name: string; email: string | null; slackUserId: string | null; wecomUserId: string | null; capacity: number; active: boolean }>;
  routing: RoutingRules;
  hours: SettingValue<'business_hours'>;
  holidays: SettingValue<'holidays'>;
  peak: SettingValue<'peak_mode'>;
}

const DAY_KEYS = ['day.mon', 'day.tue', 'day.wed', 'day.thu', 'day.fri', 'day.sat', 'day.sun'] as const;

export function inboxCheckResult(ctx: PageContext, result: InboxCheck): Html {
  return html`<span class="check ${result.ok ? 'ok' : 'error'}">${result.ok ? ctx.t('settings.checkOk') : ctx.t('settings.checkFailed')}: ${result.detail}</span>`;
}

export function settingsPage(ctx: PageContext, data: SettingsData): Html {
  const { t } = ctx;
  const admin = hasRole(ctx.admin.role, 'admin');
  const disabled = admin ? '' : 'disabled';
  const base = data.publicUrl ?? t('settings.noPublicUrl');
  return html`
<section class="card"><h2>${t('settings.inboxes')}</h2>
<table class="list"><thead><tr><th>${t('conv.inbox')}</th><th>${t('conv.channel')}</th><th>${t('settings.webhookUrl')}</th><th></th></tr></thead>
<tbody>${data.inboxes.map((inbox) => html`<tr><td>${inbox.name}</td><td>${inbox.channel}</td><td><code>${base}/webhooks/${inbox.key}</code></td>
<td>${admin ? html`<button class="secondary" hx-post="/admin/settings/inboxes/${inbox.key}/check" hx-target="next .result">${t('settings.check')}</button> <span class="result"></span>` : ''}</td></tr>`)}</tbody></table>
${data.inboxes.length === 0 ? html`<p class="empty">${t('settings.noInboxes')}</p>` : ''}</section>

<section class="card"><h2>${t('settings.routing')}</h2>
<form method="post" action="/admin/settings/routing">${csrfField(ctx)}<fieldset ${disabled} class="row">
<label>${t('settings.complaintRisk')} <input type="number" step="0.01" min="0" max="1" name="complaintRiskToHuman" value="${data.routing.complaintRiskToHuman ?? ''}" placeholder="${t('settings.off')}"></label>
<label>${t('settings.orderValue')} <input type="number" step="any" min="0" name="orderValueToHuman" value="${data.routing.orderValueToHuman ?? ''}" placeholder="${t('settings.off')}"></label>
<label>${t('settings.tags')} <input name="tagsToHuman" value="${data.routing.tagsToHuman.join(', ')}" placeholder="wholesale, vip"></label>
<label class="check"><input type="checkbox" name="vipToHuman" ${data.routing.vipToHuman ? 'checked' : ''}> ${t('settings.vipToHuman')}</label>
</fieldset><fieldset ${disabled} class="row">
<label>${t('settings.peakRaise')} <input type="number" step="0.01" min="0" max="1" name="peakRaiseBy" value="${data.routing.peakMode.raiseBy}"></label>
<label>${t('settings.loadWaiting')} <input type="number" step="0.1" min="0" name="waitingPerAgent" value="${data.routing.loadShift.waitingPerAgent}"></label>
<label>${t('settings.loadRaise')} <input type="number" step="0.01" min="0" max="1" name="loadRaiseBy" value="${data.routing.loadShift.raiseBy}"></label>
<label>${t('settings.loadMax')} <input type="number" step="0.01" min="0" max="1" name="loadMaxRaise" value="${data.routing.loadShift.maxRaise}"></label>
<label>${t('settings.renotify')} <input type="number" step="1" min="1" name="renotifyAfterSeconds" value="${data.routing.renotifyAfterSeconds}"></label>
</fieldset><fieldset ${disabled}>
<label>${t('settings.categoryTiers')} <textarea name="categoryTiers" rows="3" placeholder="coupons bot_draft">${Object.entries(data.routing.categoryTiers).map(([c, tier]) => `${c} ${tier}`).join('\n')}</textarea></label>
<p class="hint">${t('settings.routingHint')}</p>
<button>${t('common.save')}</button></fieldset></form></section>

<section class="card"><h2>${t('settings.hours')}</h2>
<form method="post" action="/admin/settings/business-hours">${csrfField(ctx)}<fieldset ${disabled}>
<label>${t('settings.timeZone')} <input name="timeZone" value="${data.hours.timeZone}"></label>
<table class="hours">${DAY_KEYS.map((key, d) => html`<tr><th>${t(key)}</th>
<td><input type="time" name="open${d}" value="${data.hours.days[d]?.open ?? ''}" aria-label="${t(key)} ${t('settings.open')}"></td>
<td><input type="time" name="close${d}" value="${data.hours.days[d]?.close ?? ''}" aria-label="${t(key)} ${t('settings.close')}"></td></tr>`)}</table>
<p class="hint">${t('settings.hoursHint')}</p><button>${t('common.save')}</button></fieldset></form></section>

<section class="card"><h2>${t('settings.holidays')}</h2>
<form method="post" action="/admin/settings/holidays">${csrfField(ctx)}<fieldset ${disabled}>
<textarea name="holidays" rows="4" placeholder="2027-02-06 春节">${data.holidays.map((h) => `${h.date} ${h.name}`).join('\n')}</textarea>
<button>${t('common.save')}</button></fieldset></form></section>

<section class="card"><h2>${t('settings.peak')}</h2>
<form method="post" action="/admin/settings/peak-mode">${csrfField(ctx)}<fieldset ${disabled}>
<p class="hint">${t('settings.peakHint')}</p>
<textarea name="peak" rows="4" placeholder="2026-11-11T00:00 2026-11-12T02:00 双十一">${data.peak.map((p) => `${p.from} ${p.to} ${p.note}`).join('\n')}</textarea>
<button>${t('common.save')}</button></fieldset></form></section>

<section class="card" id="agents"><h2>${t('settings.agents')}</h2>
<p class="hint">${t('settings.agentsHint')}</p>
<table class="list agents"><tbody>${data.agents.map((a) => html`<tr class="${a.active ? '' : 'muted'}" data-agent="${a.id}"><td><form method="post" action="/admin/settings/agents/${a.id}">${csrfField(ctx)}<fieldset ${disabled} class="row">
<input name="name" value="${a.name}" aria-label="${t('settings.name')}" required><input type="email" name="email" value="${a.email ?? ''}" aria-label="${t('auth.email')}" placeholder="${t('auth.email')}">
<input name="slackUserId" value="${a.slackUserId ?? ''}" aria-label="Slack user" placeholder="Slack user (U…)"><input name="wecomUserId" value="${a.wecomUserId ?? ''}" aria-label="WeCom userid" placeholder="WeCom userid">
<input type="number" name="capacity" min="1" max="100" value="${a.capacity}" aria-label="${t('settings.capacity')}">
<label class="check"><input type="checkbox" name="active" ${a.active ? 'checked' : ''}> ${t('settings.active')}</label><button>${t('common.save')}</button>
${a.active ? html`<button class="secondary" formaction="/admin/settings/agents/${a.id}/deactivate">${t('settings.deactivate')}</button>` : ''}</fieldset></form></td></tr>`)}</tbody></table>
${data.agents.length === 0 ? html`<p class="empty">${t('settings.noAgents')}</p>` : ''}
${admin ? html`<form method="post" action="/admin/settings/agents" class="row new-agent">${csrfField(ctx)}
<input name="name" placeholder="${t('settings.name')}" aria-label="${t('settings.name')}" required><input type="email" name="email" placeholder="${t('auth.email')}" aria-label="${t('auth.email')}">
<input name="slackUserId" placeholder="Slack user (U…)" aria-label="Slack user"><input name="wecomUserId" placeholder="WeCom userid" aria-label="WeCom userid">
<input type="number" name="capacity" min="1" max="100" value="5" aria-label="${t('settings.capacity')}"><input type="hidden" name="active" value="on">
<button>${t('settings.addAgent')}</button></form>` : ''}</section>`;
}
