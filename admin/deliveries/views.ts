import { hasRole } from '../auth/roles.ts';
import type { PageContext } from '../http/context.ts';
import { html, type Html } from '../http/html.ts';
import { csrfField } from '../views/layout.ts';

export interface FailedDelivery {
  id: string;
  conversationId: string;
  author: string;
  text: string;
  failureReason: string | null;
  attempts: number;
  createdAt: Date;
  inbox: { name: string; channel: string };
}

const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

export function failedDeliveriesView(ctx: PageContext, rows: FailedDelivery[], total: number, canRetry: boolean): Html {
  const { t } = ctx;
  const retry = canRetry && hasRole(ctx.admin.role, 'editor');
  if (rows.length === 0) return html`<p class="empty">${t('deliveries.none')}</p>`;
  return html`<p class="hint">${t('deliveries.summary', { total })}</p>
<table class="list deliveries"><thead><tr><th>${t('common.when')}</th><th>${t('conv.inbox')}</th><th>${t('deliveries.reply')}</th><th>${t('deliveries.reason')}</th><th></th></tr></thead>
<tbody>${rows.map((m) => html`<tr data-message="${m.id}"><td><time>${when(m.createdAt)}</time></td><td>${m.inbox.name} <small>${m.inbox.channel}</small></td>
<td><a href="/admin/conversations/${m.conversationId}">${t(`author.${m.author as 'bot'}`)}</a>: <span class="text">${m.text.length > 120 ? `${m.text.slice(0, 120)}…` : m.text}</span></td>
<td class="reason">${m.failureReason ?? '—'}</td>
<td>${retry ? html`<form method="post" action="/admin/deliveries/${m.id}/retry" class="inline">${csrfField(ctx)}<button class="secondary">${t('deliveries.retry')}</button></form>` : ''}</td></tr>`)}</tbody></table>`;
}
