/** The frame of every signed-in page: navigation, language switch, sign-out, CSRF header for htmx. */
import type { PageContext } from '../http/context.ts';
import { html, jsonForScript, type Html } from '../http/html.ts';
import type { Dictionary } from '../i18n/en.ts';
import { hasRole, type AdminRole } from '../auth/roles.ts';

const NAV: Array<{ href: string; label: keyof Dictionary; role?: AdminRole }> = [
  { href: '/admin/dashboard', label: 'nav.dashboard' },
  { href: '/admin/faqs', label: 'nav.faqs' },
  { href: '/admin/unanswered', label: 'nav.unanswered' },
  { href: '/admin/conversations', label: 'nav.conversations' },
  { href: '/admin/deliveries', label: 'nav.deliveries' },
  { href: '/admin/staffing', label: 'nav.staffing' },
  { href: '/admin/cost', label: 'nav.cost' },
  { href: '/admin/settings', label: 'nav.settings' },
  { href: '/admin/users', label: 'nav.users', role: 'admin' },
];

export function document(lang: string, title: string, body: Html, bodyAttributes: Html = html``): Html {
  return html`<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}'>
<title>${title} · Kefu Hub</title>
<link rel="stylesheet" href="/admin/assets/admin.css">
<script src="/admin/assets/htmx.min.js" defer></script>
<script src="/admin/assets/chart.umd.js" defer></script>
<script src="/admin/assets/admin.js" defer></script>
</head>
<body ${bodyAttributes}>
${body}
</body>
</html>`;
}

export function page(ctx: PageContext, title: string, content: Html): Html {
  const { t } = ctx;
  const other = ctx.lang === 'zh' ? 'en' : 'zh';
  const nav = NAV.filter((item) => !item.role || hasRole(ctx.admin.role, item.role)).map(
    (item) => html`<a href="${item.href}" class="${ctx.path.startsWith(item.href.slice(6)) ? 'active' : ''}">${t(item.label)}</a>`,
  );
  const headers = html`hx-headers='${jsonForScript({ 'X-CSRF-Token': ctx.admin.csrfToken })}'`;
  return document(
    ctx.lang,
    title,
    html`<header class="top">
  <a class="brand" href="/admin/dashboard">Kefu Hub</a>
  <nav>${nav}</nav>
  <div class="who">
    <a class="lang" href="/admin/lang/${other}?back=${encodeURIComponent(ctx.path)}">${other === 'zh' ? '中文' : 'English'}</a>
    <span title="${ctx.admin.email}">${ctx.admin.name} · ${t(`role.${ctx.admin.role as 'admin'}`)}</span>
    <form method="post" action="/admin/logout" class="inline">${csrfField(ctx)}<button class="link">${t('auth.signOut')}</button></form>
  </div>
</header>
<main>
<h1>${title}</h1>
${content}
</main>`,
    headers,
  );
}

export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.admin.csrfToken}">`;
}

/** A short notice at the top of a page (after a redirect: ?done=saved). */
export function notice(text: string | undefined, kind: 'ok' | 'warn' | 'error' = 'ok'): Html {
  return text ? html`<p class="notice ${kind}" role="status">${text}</p>` : html``;
}
