import type { PageContext } from '../http/context.ts';
import { html, type Html } from '../http/html.ts';
import { PAGE_SIZE, type ConversationFilter, type filterChoices, type listConversations, type transcript, type TimelineItem } from './query.ts';

const STATUSES = ['bot', 'pending_agent', 'agent', 'resolved'];
const TIERS = ['bot', 'bot_draft', 'human'];
const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function select(name: string, label: string, current: string | undefined, options: Array<{ value: string; label: string }>, any: string): Html {
  return html`<label>${label} <select name="${name}"><option value="">${any}</option>${options.map(
    (o) => html`<option value="${o.value}" ${current === o.value ? 'selected' : ''}>${o.label}</option>`,
  )}</select></label>`;
}

export function conversationListPage(
  ctx: PageContext,
  filter: ConversationFilter,
  list: Awaited<ReturnType<typeof listConversations>>,
  choices: Awaited<ReturnType<typeof filterChoices>>,
): Html {
  const { t } = ctx;
  const any = t('common.any');
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const query = (pageNo: number) => new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])), page: String(pageNo) }).toString();
  return html`<form method="get" class="filters row">
  ${select('channel', t('conv.channel'), filter.channel, choices.channels.map((c) => ({ value: c, label: c })), any)}
  ${select('inbox', t('conv.inbox'), filter.inbox, choices.inboxes.map((i) => ({ value: i.id, label: i.name })), any)}
  ${select('status', t('conv.status'), filter.status, STATUSES.map((s) => ({ value: s, label: t(`status.${s as 'bot'}`) })), any)}
  ${select('tier', t('conv.tier'), filter.tier, TIERS.map((s) => ({ value: s, label: t(`tier.${s as 'bot'}`) })), any)}
  ${select('agent', t('conv.agent'), filter.agent, choices.agents.map((a) => ({ value: a.id, label: a.name })), any)}
  <label>${t('common.from')} <input type="date" name="from" value="${filter.from ?? ''}"></label>
  <label>${t('common.to')} <input type="date" name="to" value="${filter.to ?? ''}"></label>
  <button>${t('common.filter')}</button>
</form>
<p class="hint">${t('conv.count', { total: list.total })}</p>
<table class="list"><thead><tr><th>${t('conv.customer')}</th><th>${t('conv.inbox')}</th><th>${t('conv.status')}</th><th>${t('conv.tier')}</th><th>${t('conv.agent')}</th><th>${t('conv.lastMessage')}</th></tr></thead>
<tbody>${list.rows.map((c) => html`<tr>
<td><a href="/admin/conversations/${c.id}">${c.contact.displayName ?? c.externalConversationId}</a></td>
<td>${c.inbox.name} <small>${c.inbox.channel}</small></td><td><span class="badge ${c.status}">${t(`status.${c.status as 'bot'}`) ?? c.status}</span></td>
<td>${c.tier ? t(`tier.${c.tier as 'bot'}`) : '—'}</td><td>${c.assignee?.name ?? '—'}</td><td><time>${when(c.lastMessageAt)}</time></td></tr>`)}</tbody></table>
${pages > 1 ? html`<nav class="pager">${filter.page > 1 ? html`<a href="?${query(filter.page - 1)}">←</a>` : ''} ${filter.page} / ${pages} ${filter.page < pages ? html`<a href="?${query(filter.page + 1)}">→</a>` : ''}</nav>` : ''}`;
}

function item(ctx: PageContext, entry: TimelineItem): Html {
  const { t } = ctx;
  if (entry.kind === 'message') {
    const facts = [
      entry.faqId ? html`<a href="/admin/faqs/${entry.faqId}">FAQ</a>` : '',
      entry.confidence !== null ? html` ${t('conv.confidence')} ${entry.confidence.toFixed(2)}` : '',
      entry.complaintRisk !== null ? html` · ${t('conv.complaintRisk')} ${entry.complaintRisk.toFixed(2)}` : '',
      html` · ${entry.status}`,
      entry.failureReason ? html` · ${entry.failureReason}` : '',
    ];
    return html`<li class="message ${entry.author} ${entry.direction}"><div class="meta"><strong>${t(`author.${entry.author as 'bot'}`) ?? entry.author}</strong> <time>${when(entry.at)}</time> <span class="facts">${facts}</span></div>
<div class="text">${entry.text}</div></li>`;
  }
  if (entry.kind === 'escalation') {
    return html`<li class="escalation"><div class="meta"><strong>${t('conv.escalation')}</strong> <time>${when(entry.at)}</time></div>
<div>${t('conv.reason')}: <code>${entry.reason}</code> · ${t('conv.tier')}: ${entry.tier} · ${entry.status}${entry.agent ? html` · ${entry.agent}` : ''}</div></li>`;
  }
  const details = entry.details && typeof entry.details === 'object' && Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : '';
  return html`<li class="event"><div class="meta"><strong>${entry.type}</strong> <time>${when(entry.at)}</time> ${entry.actor ? html`· ${entry.actor}` : ''}</div>
<div>${entry.fromStatus ?? '·'} → ${entry.toStatus ?? '·'} ${details ? html`<code class="details">${details}</code>` : ''}</div></li>`;
}

export function transcriptPage(ctx: PageContext, data: Awaited<ReturnType<typeof transcript>>): Html {
  const { t } = ctx;
  const c = data.conversation;
  return html`<dl class="facts card">
<dt>${t('conv.inbox')}</dt><dd>${c.inbox.name} (${c.inbox.channel})</dd>
<dt>${t('conv.status')}</dt><dd>${t(`status.${c.status as 'bot'}`) ?? c.status}</dd>
<dt>${t('conv.tier')}</dt><dd>${c.tier ?? '—'}</dd>
<dt>${t('conv.agent')}</dt><dd>${c.assignee?.name ?? '—'}</dd>
<dt>${t('conv.started')}</dt><dd>${when(c.createdAt)}</dd>
${c.contact.vip ? html`<dt>VIP</dt><dd>✓</dd>` : ''}
</dl>
<ol class="timeline">${data.items.map((entry) => item(ctx, entry))}</ol>
<p><a href="/admin/conversations">← ${t('nav.conversations')}</a></p>`;
}
