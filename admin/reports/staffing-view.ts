import type { PageContext } from '../http/context.ts';
import { html, jsonForScript, type Html } from '../http/html.ts';
import type { Forecast, StaffingRow } from './numbers-port.ts';

const DAYS = { en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] };

export function staffingView(
  ctx: PageContext,
  params: { handleSeconds: number; target: number; withinSeconds: number; concurrency: number },
  forecast: Forecast,
  rows: readonly StaffingRow[],
): Html {
  const { t } = ctx;
  const hourLabel = (h: number) => `${DAYS[ctx.lang][Math.floor(h / 24)]} ${String(h % 24).padStart(2, '0')}:00`;
  const byHour = [...rows].sort((a, b) => a.hourOfWeek - b.hourOfWeek);
  const data = {
    labels: byHour.map((r) => hourLabel(r.hourOfWeek)),
    datasets: [
      { label: t('staff.needed'), data: byHour.map((r) => r.needed) },
      { label: t('staff.scheduled'), data: byHour.map((r) => r.scheduled) },
      { label: t('staff.arrivals'), data: byHour.map((r) => Number(r.arrivals.toFixed(2))) },
    ],
  };
  const short = rows.filter((r) => r.gap > 0);
  return html`<form method="get" class="filters row">
<label>${t('staff.handleSeconds')} <input type="number" name="handleSeconds" value="${params.handleSeconds}" min="10"></label>
<label>${t('staff.target')} <input type="number" step="0.01" name="target" value="${params.target}" min="0.01" max="0.999"></label>
<label>${t('staff.withinSeconds')} <input type="number" name="withinSeconds" value="${params.withinSeconds}" min="1"></label>
<label>${t('staff.concurrency')} <input type="number" name="concurrency" value="${params.concurrency}" min="1" max="20"></label>
<button>${t('common.filter')}</button></form>
<p class="hint">${t('staff.method')}: ${forecast.method} (${forecast.weeksUsed.toFixed(1)} ${t('staff.weeks')})</p>
${short.length ? html`<p class="notice warn">${t('staff.shortHours', { hours: short.length })}</p>` : html`<p class="notice ok">${t('staff.covered')}</p>`}
<figure class="card chart wide"><figcaption>${t('staff.chart')}</figcaption><canvas data-chart="staffing" role="img" aria-label="${t('staff.chart')}"></canvas>
<script type="application/json" data-chart-data="staffing">${jsonForScript(data)}</script></figure>
<section class="card"><h2>${t('staff.peaks')}</h2><table class="list"><thead><tr><th>${t('staff.hour')}</th><th>${t('staff.arrivals')}</th><th>${t('staff.needed')}</th><th>${t('staff.scheduled')}</th><th>${t('staff.gap')}</th><th>${t('staff.level')}</th></tr></thead>
<tbody>${rows.slice(0, 24).map((r) => html`<tr class="${r.gap > 0 ? 'short' : ''}"><td>${hourLabel(r.hourOfWeek)}</td><td>${r.arrivals.toFixed(2)}</td><td>${r.needed}</td><td>${r.scheduled}</td><td>${r.gap > 0 ? `+${r.gap}` : r.gap}</td><td>${(r.scheduledServiceLevel * 100).toFixed(1)}%</td></tr>`)}</tbody></table></section>`;
}
