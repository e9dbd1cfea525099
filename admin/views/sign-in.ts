import { html, type Html } from '../http/html.ts';
import type { Language, Translate } from '../i18n/locale.ts';
import { document } from './layout.ts';

export function signInPage(lang: Language, t: Translate, csrf: string, next: string, error?: string): Html {
  const other = lang === 'zh' ? 'en' : 'zh';
  return document(
    lang,
    t('auth.title'),
    html`<main class="sign-in">
  <h1>Kefu Hub</h1>
  <form method="post" action="/admin/login" class="card">
    <h2>${t('auth.title')}</h2>
    ${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
    <input type="hidden" name="_csrf" value="${csrf}">
    <input type="hidden" name="next" value="${next}">
    <label>${t('auth.email')} <input name="email" type="email" autocomplete="username" required autofocus></label>
    <label>${t('auth.password')} <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">${t('auth.submit')}</button>
  </form>
  <p><a href="/admin/lang/${other}?back=/login">${other === 'zh' ? '中文' : 'English'}</a></p>
</main>`,
  );
}
