/**
 * Renders a figures object of any shape: numbers (and { value } objects) become tiles, arrays of points
 * become Chart.js charts (data passed as JSON in a non-executed script block, drawn by admin.js), arrays
 * of rows become tables. Keys are shown through the dictionary when it knows them.
 */
import type { PageContext } from '../http/context.ts';
import { html, jsonForScript, type Html } from '../http/html.ts';

type Row = Record<string, unknown>;

function label(ctx: PageContext, key: string): string {
  const known = ctx.t(`metric.${key}` as 'metric.answerRate');
  return known.startsWith('metric.') ? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ') : known;
}

function formatNumber(key: string, value: number): string {
  if (/rate|share|level|percent|ratio/i.test(key) && value >= 0 && value <= 1) return `${(value * 100).toFixed(1)}%`;
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(2);
}

function isPointList(value: unknown[]): value is Row[] {
  const first = value[0];
  return typeof first === 'object' && first !== null && Object.values(first).some((v) => typeof v === 'number');
}

function chart(ctx: PageContext, key: string, rows: Row[]): Html {
  const keys = Object.keys(rows[0]!);
  const xKey = keys.find((k) => typeof rows[0]![k] === 'string' || rows[0]![k] instanceof Date) ?? keys[0]!;
  const series = keys.filter((k) => k !== xKey && typeof rows[0]![k] === 'number');
  const data = {
    labels: rows.map((r) => (r[xKey] instanceof Date ? (r[xKey] as Date).toISOString().slice(0, 10) : String(r[xKey]))),
    datasets: series.map((s) => ({ label: label(ctx, s), data: rows.map((r) => r[s] as number) })),
  };
  return html`<figure class="card chart"><figcaption>${label(ctx, key)}</figcaption><canvas data-chart="${key}" role="img" aria-label="${label(ctx, key)}"></canvas>
<script type="application/json" data-chart-data="${key}">${jsonForScript(data)}</script></figure>`;
}

function table(ctx: PageContext, key: string, rows: Row[]): Html {
  const keys = Object.keys(rows[0] ?? {});
  return html`<section class="card"><h2>${label(ctx, key)}</h2><table class="list"><thead><tr>${keys.map((k) => html`<th>${label(ctx, k)}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${keys.map((k) => html`<td>${typeof r[k] === 'number' ? formatNumber(k, r[k] as number) : String(r[k] ?? '')}</td>`)}</tr>`)}</tbody></table></section>`;
}

export function figuresView(ctx: PageContext, figures: object): Html {
  const tiles: Html[] = [];
  const blocks: Html[] = [];
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'number') tiles.push(html`<div class="tile" data-metric="${prefix}"><span class="value">${formatNumber(prefix, value)}</span><span class="label">${label(ctx, prefix)}</span></div>`);
    else if (Array.isArray(value) && value.length > 0 && isPointList(value)) blocks.push(value.length > 3 ? chart(ctx, prefix, value) : table(ctx, prefix, value));
    else if (value && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(k, v);
  };
  walk('figures', figures);
  return html`<div class="tiles">${tiles}</div>${blocks}`;
}
