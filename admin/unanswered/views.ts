import { hasRole } from '../auth/roles.ts';
import type { PageContext } from '../http/context.ts';
import { html, type Html } from '../http/html.ts';
import { csrfField } from '../views/layout.ts';
import type { AnswerRateDrop } from './answer-rate.ts';
import type { UnansweredGroup } from './groups.ts';

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export function unansweredPage(
  ctx: PageContext,
  data: { days: number; total: number; groups: readonly UnansweredGroup[]; drop: AnswerRateDrop | undefined },
): Html {
  const { t } = ctx;
  const canEdit = hasRole(ctx.admin.role, 'editor');
  return html`
${data.drop ? html`<p class="notice warn" role="alert">${t('unanswered.rateDrop', { before: percent(data.drop.before), after: percent(data.drop.after), at: data.drop.changeAt.toISOString().slice(0, 16).replace('T', ' ') })}</p>` : ''}
<p class="hint">${t('unanswered.summary', { total: data.total, days: data.days, groups: data.groups.length })}</p>
${data.groups.length === 0 ? html`<p class="empty">${t('unanswered.none')}</p>` : ''}
${data.groups.map((group, i) => html`<article class="card group" data-group="${i}">
  <header><span class="count">${group.count}×</span> <strong class="representative">${group.representative}</strong>
  <time>${t('unanswered.lastAsked')} ${group.lastAskedAt.toISOString().slice(0, 10)}</time></header>
  ${group.phrasings.length > 1 ? html`<ul class="phrasings">${group.phrasings.slice(0, 8).map((p) => html`<li>${p}</li>`)}${group.phrasings.length > 8 ? html`<li>…</li>` : ''}</ul>` : ''}
  ${group.picked ? html`<p class="picked">${t('unanswered.picked', { count: group.picked.count })} <a href="/admin/faqs/${group.picked.faqId}">${group.picked.question}</a></p>` : ''}
  ${canEdit ? html`<div class="actions">
    ${group.picked ? html`<form method="post" action="/admin/unanswered/add-to-faq" class="inline">${csrfField(ctx)}
      <input type="hidden" name="questionIds" value="${group.questionIds.join(',')}"><input type="hidden" name="faqId" value="${group.picked.faqId}">
      <button>${t('unanswered.addToPicked')}</button></form>` : ''}
    <details><summary>${t('unanswered.newFaq')}</summary>
      <form method="post" action="/admin/unanswered/new-faq">${csrfField(ctx)}
        <input type="hidden" name="questionIds" value="${group.questionIds.join(',')}">
        <label>${t('faq.question')} <input name="question" value="${group.representative}" required></label>
        <label>${t('faq.answer')} <textarea name="answer" rows="3" required></textarea></label>
        <label>${t('faq.category')} <input name="category" value="general"></label>
        <button>${t('unanswered.createFaq')}</button>
      </form></details>
    <details><summary>${t('unanswered.addToOther')}</summary>
      <form method="post" action="/admin/unanswered/add-to-faq" class="row">${csrfField(ctx)}
        <input type="hidden" name="questionIds" value="${group.questionIds.join(',')}">
        <input name="faqId" placeholder="${t('unanswered.faqIdPlaceholder')}" required aria-label="FAQ id">
        <button>${t('unanswered.add')}</button>
      </form></details>
  </div>` : ''}
</article>`)}`;
}
