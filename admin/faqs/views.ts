/** FAQ pages: list with search and "try it", the edit form, the history. */
import { hasRole } from '../auth/roles.ts';
import type { TryItResult } from '../dependencies.ts';
import type { PageContext } from '../http/context.ts';
import { html, type Html } from '../http/html.ts';
import { csrfField } from '../views/layout.ts';
import { FAQ_LOCALES, FAQ_TIERS } from './faq-input.ts';
import { changedFields, type FaqRevisionView, type FaqView } from './faq-store.ts';
import type { ImportReport } from './import-export.ts';

export function faqTable(ctx: PageContext, faqs: readonly FaqView[]): Html {
  const { t } = ctx;
  if (faqs.length === 0) return html`<p class="empty">${t('faq.none')}</p>`;
  return html`<table class="list">
<thead><tr><th>${t('faq.question')}</th><th>${t('faq.category')}</th><th>${t('faq.tier')}</th><th>${t('faq.enabled')}</th><th>${t('faq.updated')}</th></tr></thead>
<tbody>${faqs.map(
    (faq) => html`<tr class="${faq.enabled ? '' : 'muted'}">
<td><a href="/admin/faqs/${faq.id}">${faq.question}</a> <span class="count">+${faq.alternatives.length}</span></td>
<td>${faq.category}</td><td>${faq.tier ? t(`tier.${faq.tier}`) : t('tier.policy')}</td>
<td>${faq.enabled ? '✓' : '–'}</td><td><time>${faq.updatedAt.toISOString().slice(0, 16).replace('T', ' ')}</time></td></tr>`,
  )}</tbody></table>`;
}

export function faqListPage(ctx: PageContext, faqs: readonly FaqView[], categories: readonly string[], query: string, report?: ImportReport): Html {
  const { t } = ctx;
  const canEdit = hasRole(ctx.admin.role, 'editor');
  return html`
${report ? html`<p class="notice ${report.errors.length ? 'warn' : 'ok'}" role="status">${t('faq.imported', { created: report.created, updated: report.updated, errors: report.errors.length })}</p>
${report.errors.length ? html`<ul class="errors">${report.errors.slice(0, 20).map((e) => html`<li>${e}</li>`)}</ul>` : ''}` : ''}
<section class="try card">
  <h2>${t('faq.tryIt')}</h2>
  <form hx-post="/admin/faqs/try" hx-target="#try-result" class="row">
    <input name="question" placeholder="${t('faq.tryPlaceholder')}" required aria-label="${t('faq.tryIt')}">
    <button>${t('faq.tryButton')}</button>
  </form>
  <div id="try-result" aria-live="polite"></div>
</section>
<div class="toolbar">
  <input type="search" name="q" value="${query}" placeholder="${t('faq.search')}" aria-label="${t('faq.search')}"
    hx-get="/admin/faqs/list" hx-trigger="input changed delay:250ms, search" hx-target="#faq-list" hx-include="[name=category]">
  <select name="category" hx-get="/admin/faqs/list" hx-target="#faq-list" hx-include="[name=q]" aria-label="${t('faq.category')}">
    <option value="">${t('faq.allCategories')}</option>${categories.map((c) => html`<option>${c}</option>`)}
  </select>
  ${canEdit ? html`<a class="button" href="/admin/faqs/new">${t('faq.new')}</a>` : ''}
  <a class="button secondary" href="/admin/faqs/export.csv" download>${t('faq.export')}</a>
</div>
<div id="faq-list">${faqTable(ctx, faqs)}</div>
${canEdit ? html`<details class="card"><summary>${t('faq.import')}</summary>
  <form method="post" action="/admin/faqs/import">${csrfField(ctx)}
    <p class="hint">${t('faq.importHint')}</p>
    <input type="file" accept=".csv,text/csv" data-fill="csv-text" aria-label="CSV">
    <textarea id="csv-text" name="csv" rows="6" placeholder="id,question,alternatives,answer,category,locale,tier,enabled"></textarea>
    <button>${t('faq.importButton')}</button>
  </form></details>` : ''}`;
}

export function tryItResult(ctx: PageContext, result: TryItResult): Html {
  const { t } = ctx;
  return html`<p class="tier">${t('faq.tryTier')}: <strong>${result.tier}</strong> — ${result.reason}</p>
<ol class="candidates">${result.candidates.map(
    (c) => html`<li><a href="/admin/faqs/${c.faqId}">${c.question}</a> <meter min="0" max="1" value="${c.confidence}"></meter> <span class="confidence">${c.confidence.toFixed(2)}</span></li>`,
  )}</ol>${result.candidates.length === 0 ? html`<p class="empty">${t('faq.tryNone')}</p>` : ''}`;
}

export function faqForm(ctx: PageContext, faq: Partial<FaqView>, categories: readonly string[], action: string): Html {
  const { t } = ctx;
  const readOnly = !hasRole(ctx.admin.role, 'editor');
  return html`<form method="post" action="${action}" class="card faq-form">${csrfField(ctx)}
<fieldset ${readOnly ? 'disabled' : ''}>
  <label>${t('faq.question')} <input name="question" value="${faq.question ?? ''}" required maxlength="500"></label>
  <label>${t('faq.phrasings')} <small>${t('faq.phrasingsHint')}</small>
    <textarea name="alternatives" rows="6">${(faq.alternatives ?? []).join('\n')}</textarea></label>
  <label>${t('faq.answer')} <textarea name="answer" rows="6" required maxlength="5000">${faq.answer ?? ''}</textarea></label>
  <div class="row">
    <label>${t('faq.category')} <input name="category" list="categories" value="${faq.category ?? ''}" required maxlength="100"></label>
    <datalist id="categories">${categories.map((c) => html`<option value="${c}">`)}</datalist>
    <label>${t('faq.locale')} <select name="locale">${FAQ_LOCALES.map((l) => html`<option value="${l}" ${faq.locale === l ? 'selected' : ''}>${l}</option>`)}</select></label>
    <label>${t('faq.tier')} <select name="tier"><option value="">${t('tier.policy')}</option>${FAQ_TIERS.map(
      (tier) => html`<option value="${tier}" ${faq.tier === tier ? 'selected' : ''}>${t(`tier.${tier}`)}</option>`,
    )}</select></label>
    <label class="check"><input type="checkbox" name="enabled" ${faq.enabled === false ? '' : 'checked'}> ${t('faq.enabled')}</label>
  </div>
  <button type="submit">${t('common.save')}</button>
</fieldset>
</form>`;
}

export function faqHistory(ctx: PageContext, revisions: readonly FaqRevisionView[]): Html {
  const { t } = ctx;
  return html`<section class="card"><h2>${t('faq.history')}</h2>
<table class="list"><thead><tr><th>${t('faq.version')}</th><th>${t('common.when')}</th><th>${t('common.who')}</th><th>${t('faq.changed')}</th></tr></thead>
<tbody>${revisions.map((rev, i) => {
    const fields = changedFields(revisions[i + 1]?.snapshot, rev.snapshot);
    return html`<tr><td>v${rev.version}</td><td><time>${rev.at.toISOString().slice(0, 16).replace('T', ' ')}</time></td><td>${rev.editedBy ?? '—'}</td>
<td>${i === revisions.length - 1 && rev.version === 1 ? t('faq.created') : fields.map((f) => t(`field.${f}`)).join(', ')}
<details><summary>${t('faq.snapshot')}</summary><pre>${JSON.stringify(rev.snapshot, null, 2)}</pre></details></td></tr>`;
  })}</tbody></table></section>`;
}

export function deleteButton(ctx: PageContext, id: string): Html {
  return hasRole(ctx.admin.role, 'editor')
    ? html`<form method="post" action="/admin/faqs/${id}/delete" class="inline danger" data-confirm="${ctx.t('faq.confirmDelete')}">${csrfField(ctx)}<button class="danger">${ctx.t('common.delete')}</button></form>`
    : html``;
}
