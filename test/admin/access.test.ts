/**
 * Every admin route refuses unauthenticated, under-privileged, cross-site and token-less requests; sign-in
 * locks out after repeated failures; sessions live in the database. On both database providers.
 */
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../admin/router.ts';
import { ADMIN_ROLES, hasRole } from '../../admin/auth/roles.ts';
import { MAX_FAILURES } from '../../admin/auth/sign-in.ts';
import { PASSWORD, ROLES, signInAs, startAdminApp, type AdminApp } from './support/admin-app.ts';

const pathOf = (path: string) => `/admin${path.replace(/:[a-z]+/gi, 'x1')}`;

async function send(app: AdminApp, route: { method: string; path: string }, headers: Record<string, string>, csrf?: string) {
  const post = route.method === 'post';
  return fetch(`${app.url}${pathOf(route.path)}`, {
    method: route.method.toUpperCase(),
    redirect: 'manual',
    headers: { ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
    ...(post ? { body: new URLSearchParams(csrf ? { _csrf: csrf } : {}) } : {}),
  });
}

describe.each(['sqlite', 'postgresql'] as const)('admin access on %s', (provider) => {
  let app: AdminApp;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  beforeAll(async () => {
    app = await startAdminApp(provider);
    for (const role of ROLES) sessions[role] = await signInAs(app.url, role);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists routes for every role level', () => {
    const routes = adminRoutes(app.deps);
    for (const role of ADMIN_ROLES) expect(routes.some((r) => r.role === role)).toBe(true);
  });

  it('refuses every route without a session (pages redirect to sign-in, the rest 401)', async () => {
    for (const route of adminRoutes(app.deps)) {
      const response = await send(app, route, {});
      if (route.kind === 'page' && route.method === 'get') {
        expect(response.status, `${route.method} ${route.path}`).toBe(303);
        expect(response.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
      } else expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it('refuses roles below the one each route needs (403), lets the others through the gate', async () => {
    for (const route of adminRoutes(app.deps)) {
      for (const role of ROLES) {
        const { cookie, csrf } = sessions[role]!;
        const response = await send(app, route, { cookie }, csrf);
        const label = `${role} ${route.method} ${route.path}`;
        if (hasRole(role, route.role)) expect([401, 403], label).not.toContain(response.status);
        else expect(response.status, label).toBe(403);
      }
    }
  });

  it('refuses cross-site requests to every route, even from an admin with a token', async () => {
    const { cookie, csrf } = sessions.admin!;
    for (const route of adminRoutes(app.deps)) {
      const bySite = await send(app, route, { cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' }, csrf);
      expect(bySite.status, `${route.method} ${route.path}`).toBe(403);
      const byOrigin = await send(app, route, { cookie, origin: 'https://evil.example' }, csrf);
      expect(byOrigin.status, `${route.method} ${route.path}`).toBe(403);
    }
  });

  it('lets a link from another site open a page (top-level navigation changes nothing)', async () => {
    // node:http, because fetch always sends its own Sec-Fetch-Mode (cors).
    const status = await new Promise<number>((resolve, reject) => {
      get(`${app.url}/admin/faqs`, { headers: { cookie: sessions.viewer!.cookie, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('refuses every change without the CSRF token, or with another session\'s', async () => {
    for (const route of adminRoutes(app.deps).filter((r) => r.method === 'post')) {
      expect((await send(app, route, { cookie: sessions.admin!.cookie })).status).toBe(403);
      expect((await send(app, route, { cookie: sessions.admin!.cookie }, sessions.editor!.csrf)).status).toBe(403);
    }
  });

  it('sets an HttpOnly SameSite session cookie whose token is stored only hashed', async () => {
    const form = await fetch(`${app.url}/admin/login`);
    const loginCookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const response = await fetch(`${app.url}/admin/login`, {
      method: 'POST', redirect: 'manual', headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: 'VIEWER@example.com', password: PASSWORD }),
    });
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/kefu_admin_session=[^;]+; Path=\/admin; SameSite=Lax; HttpOnly/);
    const token = decodeURIComponent(/kefu_admin_session=([^;]+)/.exec(setCookie)![1]!);
    expect(await app.db.database.prisma.adminSession.count({ where: { tokenHash: token } })).toBe(0);
  });

  it('refuses a sign-in form posted from another site or without its token', async () => {
    const response = await fetch(`${app.url}/admin/login`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ email: 'admin@example.com', password: PASSWORD }),
    });
    expect(response.status).toBe(403);
  });

  it('locks an address after repeated failures, then lets it in once the lock expires', async () => {
    const attempt = async (password: string) => {
      const form = await fetch(`${app.url}/admin/login`);
      const cookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      return fetch(`${app.url}/admin/login`, {
        method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, email: 'editor@example.com', password }),
      });
    };
    for (let i = 1; i < MAX_FAILURES; i++) expect((await attempt('wrong password!')).status).toBe(401);
    expect((await attempt('wrong password!')).status).toBe(429);
    expect((await attempt(PASSWORD)).status).toBe(429);
    app.clock.now = new Date(app.clock.now.getTime() + 16 * 60_000);
    expect((await attempt(PASSWORD)).status).toBe(303);
  });

  it('ends the session on sign-out', async () => {
    const session = await signInAs(app.url, 'viewer');
    const out = await fetch(`${app.url}/admin/logout`, {
      method: 'POST', redirect: 'manual', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: session.csrf }),
    });
    expect(out.status).toBe(303);
    const after = await fetch(`${app.url}/admin/faqs/list`, { headers: { cookie: session.cookie } });
    expect(after.status).toBe(401);
  });

  it('expires an idle session', async () => {
    const session = await signInAs(app.url, 'viewer');
    app.clock.now = new Date(app.clock.now.getTime() + 13 * 3600_000);
    expect((await fetch(`${app.url}/admin/faqs/list`, { headers: { cookie: session.cookie } })).status).toBe(401);
  });
});
