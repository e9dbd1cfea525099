/**
 * The admin web page: `createAdminRouter(deps)` is mounted by the composition root at /admin. Server-rendered
 * HTML with htmx for the small interactive parts and Chart.js for charts, served from node_modules as they
 * are, so `npm start` needs no build step.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { signIn } from './auth/sign-in.ts';
import { endSession, randomToken, SESSION_COOKIE, startSession } from './auth/sessions.ts';
import type { AdminDependencies } from './dependencies.ts';
import type { AdminRoute, PageContext } from './http/context.ts';
import { readCookie, setCookie } from './http/cookies.ts';
import { isCrossSite } from './http/cross-site.ts';
import { guard, sameToken, type GuardOptions } from './http/guard.ts';
import { html } from './http/html.ts';
import { isLanguage, LANGUAGE_COOKIE, languageOf, translator } from './i18n/locale.ts';
import { signInPage } from './views/sign-in.ts';
import { document } from './views/layout.ts';
import { faqRoutes } from './faqs/routes.ts';
import { unansweredRoutes } from './unanswered/routes.ts';
import { conversationRoutes } from './conversations/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import { deliveryRoutes } from './deliveries/routes.ts';
import { userRoutes } from './users/routes.ts';

const LOGIN_COOKIE = 'kefu_admin_login';
const require = createRequire(import.meta.url);
const ASSETS: Record<string, { file: string; type: string }> = {
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
  'chart.umd.js': { file: join(dirname(require.resolve('chart.js')), 'chart.umd.js'), type: 'text/javascript' },
  'admin.css': { file: fileURLToPath(new URL('./assets/admin.css', import.meta.url)), type: 'text/css' },
  'admin.js': { file: fileURLToPath(new URL('./assets/admin.js', import.meta.url)), type: 'text/javascript' },
};

/** Every route behind the guard, with the role it needs: the router and the role tests read this one list. */
export function adminRoutes(deps: AdminDependencies): AdminRoute[] {
  return [...reportRoutes(deps), ...faqRoutes(deps), ...unansweredRoutes(deps), ...conversationRoutes(deps), ...deliveryRoutes(deps), ...settingsRoutes(deps), ...userRoutes(deps)];
}

export function createAdminRouter(deps: AdminDependencies): Router {
  const secure = deps.secureCookies ?? deps.publicUrl?.startsWith('https://') ?? false;
  const guardOptions: GuardOptions = { db: deps.db, now: deps.now, sessionIdleMs: deps.sessionIdleMs ?? 12 * 3600_000 };
  const router = express.Router();
  router.use(securityHeaders);
  router.use(express.urlencoded({ extended: false, limit: '5mb' }));

  router.get('/assets/:name', (req, res) => {
    const asset = ASSETS[req.params.name];
    if (!asset) return void res.status(404).end();
    res.type(asset.type).set('Cache-Control', 'public, max-age=3600').sendFile(asset.file);
  });

  router.get('/lang/:lang', (req, res) => {
    if (isLanguage(req.params.lang)) setCookie(res, LANGUAGE_COOKIE, req.params.lang, { secure, maxAgeSeconds: 365 * 86400 });
    res.redirect(303, `/admin${safeBack(req.query.back)}`);
  });

  router.get('/login', (req, res) => {
    const lang = languageOf(req);
    const csrf = randomToken();
    setCookie(res, LOGIN_COOKIE, csrf, { secure, maxAgeSeconds: 3600 });
    res.type('html').send(signInPage(lang, translator(lang), csrf, safeBack(req.query.next)).value);
  });

  router.post('/login', async (req, res) => {
    const lang = languageOf(req);
    const t = translator(lang);
    const body = req.body as Record<string, unknown>;
    if (isCrossSite(req, false) || !sameToken(body._csrf, readCookie(req, LOGIN_COOKIE) ?? '\u0000')) {
      return void res.status(403).type('text/plain').send('cross-site or stale sign-in form refused');
    }
    const next = safeBack(body.next);
    const result = await signIn(deps.db, String(body.email ?? ''), String(body.password ?? ''), deps.now());
    if (!result.ok) {
      deps.logger.warn({ reason: result.reason }, 'admin sign-in refused');
      const csrf = randomToken();
      setCookie(res, LOGIN_COOKIE, csrf, { secure, maxAgeSeconds: 3600 });
      const message = result.reason === 'locked' ? t('auth.locked') : t('auth.invalid');
      return void res.status(result.reason === 'locked' ? 429 : 401).type('html').send(signInPage(lang, t, csrf, next, message).value);
    }
    const { token } = await startSession(deps.db, result.userId, deps.now(), guardOptions.sessionIdleMs);
    setCookie(res, SESSION_COOKIE, token, { secure });
    deps.logger.info({ userId: result.userId }, 'admin signed in');
    res.redirect(303, `/admin${next}`);
  });

  const logout: AdminRoute = {
    method: 'post', path: '/logout', role: 'viewer', kind: 'api',
    handler: async (req, res) => {
      const token = readCookie(req, SESSION_COOKIE);
      if (token) await endSession(deps.db, token);
      setCookie(res, SESSION_COOKIE, '', { secure, maxAgeSeconds: 0 });
      res.redirect(303, '/admin/login');
    },
  };
  router.get('/', (_req, res) => res.redirect(303, '/admin/dashboard'));

  for (const route of [logout, ...adminRoutes(deps)]) {
    router[route.method](route.path, guard(route, guardOptions), async (req: Request, res: Response, next: NextFunction) => {
      try {
        const lang = languageOf(req);
        const ctx: PageContext = { admin: res.locals.admin, lang, t: translator(lang), path: req.path };
        await route.handler(req, res, ctx);
      } catch (error) {
        next(error);
      }
    });
  }

  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    const status = (error as { httpStatus?: number }).httpStatus;
    if (res.headersSent) return next(error);
    if (status === 400 || status === 404 || status === 409) {
      const lang = languageOf(req);
      const body = html`<main><h1>${status === 404 ? translator(lang)('error.notFound') : translator(lang)('error.invalid')}</h1><p>${(error as Error).message}</p><p><a href="/admin/dashboard">Kefu Hub</a></p></main>`;
      return void res.status(status).type('html').send(document(lang, String(status), body).value);
    }
    deps.logger.error({ err: error, path: req.path }, 'admin page failed');
    res.status(500).type('text/plain').send('internal error');
  });
  return router;
}

/** A path inside /admin to go back to; anything else (another host, `//evil`) becomes the fallback. */
function safeBack(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string') return fallback;
  const path = value.startsWith('/admin') ? value.slice(6) : value;
  return /^\/(?![/\\])[^\s]*$/.test(path) ? path : fallback;
}

/** No framing (clickjacking), no inline scripts (what an injection would need), no sniffing. */
function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  next();
}
