/** The Users page (admins only): list, create with an initial password, change role, disable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../admin/auth/sign-in.ts';
import { postForm, signInAs, startAdminApp, type AdminApp } from './support/admin-app.ts';

describe('admin users page', () => {
  let app: AdminApp;
  let admin: { cookie: string; csrf: string };
  beforeAll(async () => {
    app = await startAdminApp('sqlite');
    admin = await signInAs(app.url, 'admin');
  });
  afterAll(async () => {
    await app?.close();
  });

  const userId = async (email: string) => (await app.db.database.prisma.adminUser.findUniqueOrThrow({ where: { email } })).id;

  it('lists the accounts', async () => {
    const page = await (await fetch(`${app.url}/admin/users`, { headers: { cookie: admin.cookie } })).text();
    for (const role of ['viewer', 'editor', 'admin']) expect(page).toContain(`${role}@example.com`);
  });

  it('creates an account that can sign in with its initial password', async () => {
    const created = await postForm(app.url, admin, '/admin/users', { email: 'Mei@Example.com', name: 'Mei', role: 'viewer', password: 'a long first password' });
    expect(created.status).toBe(303);
    expect(await app.db.database.prisma.adminUser.findUniqueOrThrow({ where: { email: 'mei@example.com' } })).toMatchObject({ name: 'Mei', role: 'viewer' });
    expect(await signIn(app.db.database.prisma, 'mei@example.com', 'a long first password', app.clock.now)).toMatchObject({ ok: true });
    const again = await postForm(app.url, admin, '/admin/users', { email: 'mei@example.com', role: 'admin', password: 'another long password' });
    expect(again.status).toBe(400);
    expect((await postForm(app.url, admin, '/admin/users', { email: 'short@example.com', role: 'viewer', password: 'short' })).status).toBe(400);
  });

  it('changes a role, which the next request obeys', async () => {
    const editor = await signInAs(app.url, 'editor');
    expect((await postForm(app.url, admin, `/admin/users/${await userId('editor@example.com')}/role`, { role: 'viewer' })).status).toBe(303);
    const page = await fetch(`${app.url}/admin/faqs/new`, { headers: { cookie: editor.cookie } });
    expect(page.status).toBe(403);
    expect((await postForm(app.url, admin, `/admin/users/${await userId('editor@example.com')}/role`, { role: 'editor' })).status).toBe(303);
  });

  it('disables an account: its session ends and it cannot sign in again', async () => {
    const viewer = await signInAs(app.url, 'viewer');
    expect((await postForm(app.url, admin, `/admin/users/${await userId('viewer@example.com')}/disable`)).status).toBe(303);
    expect((await fetch(`${app.url}/admin/faqs/list`, { headers: { cookie: viewer.cookie } })).status).toBe(401);
    await expect(signInAs(app.url, 'viewer')).rejects.toThrow(/answered 401/);
  });

  it('refuses an admin changing or disabling their own account, and everyone but admins', async () => {
    const me = await userId('admin@example.com');
    expect((await postForm(app.url, admin, `/admin/users/${me}/disable`)).status).toBe(400);
    expect((await postForm(app.url, admin, `/admin/users/${me}/role`, { role: 'viewer' })).status).toBe(400);
    const editor = await signInAs(app.url, 'editor');
    expect((await fetch(`${app.url}/admin/users`, { headers: { cookie: editor.cookie } })).status).toBe(403);
    expect((await postForm(app.url, editor, '/admin/users', { email: 'x@example.com', role: 'admin', password: 'a long first password' })).status).toBe(403);
  });
});
