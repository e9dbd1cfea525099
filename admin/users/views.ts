import { ADMIN_ROLES, isAdminRole } from '../auth/roles.ts';
import type { PageContext } from '../http/context.ts';
import { html, type Html } from '../http/html.ts';
import { csrfField } from '../views/layout.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: Date;
}

export function usersView(ctx: PageContext, users: UserRow[]): Html {
  const { t } = ctx;
  const roleOptions = (current: string) => ADMIN_ROLES.map((r) => html`<option value="${r}" ${current === r ? 'selected' : ''}>${t(`role.${r}`)}</option>`);
  return html`<table class="list users"><thead><tr><th>${t('auth.email')}</th><th>${t('settings.name')}</th><th>${t('users.role')}</th><th></th></tr></thead>
<tbody>${users.map((u) => {
    const self = u.id === ctx.admin.userId;
    const enabled = isAdminRole(u.role);
    return html`<tr data-user="${u.id}" class="${enabled ? '' : 'muted'}"><td>${u.email}</td><td>${u.name}</td>
<td>${enabled && !self ? html`<form method="post" action="/admin/users/${u.id}/role" class="inline row">${csrfField(ctx)}<select name="role" aria-label="${t('users.role')}">${roleOptions(u.role)}</select> <button class="secondary">${t('common.save')}</button></form>` : enabled ? t(`role.${u.role as 'admin'}`) : t('users.disabled')}</td>
<td>${enabled && !self ? html`<form method="post" action="/admin/users/${u.id}/disable" class="inline">${csrfField(ctx)}<button class="danger">${t('users.disable')}</button></form>` : ''}</td></tr>`;
  })}</tbody></table>
<section class="card"><h2>${t('users.new')}</h2>
<form method="post" action="/admin/users" class="row new-user">${csrfField(ctx)}
<label>${t('auth.email')} <input type="email" name="email" required></label>
<label>${t('settings.name')} <input name="name"></label>
<label>${t('users.role')} <select name="role">${roleOptions('editor')}</select></label>
<label>${t('users.password')} <input type="password" name="password" minlength="12" autocomplete="new-password" required></label>
<button>${t('users.create')}</button></form>
<p class="hint">${t('users.hint')}</p></section>`;
}
