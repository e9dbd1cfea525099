/**
 * /admin/users (admins only): the admin page's accounts — list, create with an initial password, change
 * role, disable. A disabled account keeps its row (the FAQ history names it) with the role 'disabled': it
 * cannot sign in and its sessions end at once. An admin cannot demote or disable themselves, so the last
 * admin cannot lock everyone out. `npm run admin:create` still creates or resets accounts.
 */
import type { Request } from 'express';
import type { AdminDependencies } from '../dependencies.ts';
import { AdminAccountError, createOrUpdateAdmin } from '../auth/admin-users.ts';
import { DISABLED_ROLE, isAdminRole } from '../auth/roles.ts';
import { audit } from '../http/audit.ts';
import type { AdminRoute } from '../http/context.ts';
import { AdminInputError, AdminNotFoundError } from '../http/errors.ts';
import { html } from '../http/html.ts';
import { notice, page } from '../views/layout.ts';
import { usersView } from './views.ts';

const form = (req: Request) => (req.body ?? {}) as Record<string, string | undefined>;

export function userRoutes(deps: AdminDependencies): AdminRoute[] {
  const { db } = deps;
  const done = (what: string) => `/admin/users?done=${what}`;
  const notSelf = (id: string, me: string) => {
    if (id === me) throw new AdminInputError('you cannot change your own role or disable yourself');
  };
  return [
    {
      method: 'get', path: '/users', role: 'admin', kind: 'page',
      handler: async (req, res, ctx) => {
        const users = await db.adminUser.findMany({ orderBy: { email: 'asc' }, select: { id: true, email: true, name: true, role: true, createdAt: true } });
        const message = typeof req.query.done === 'string' ? notice(ctx.t('common.saved')) : html``;
        res.type('html').send(page(ctx, ctx.t('nav.users'), html`${message}${usersView(ctx, users)}`).value);
      },
    },
    {
      method: 'post', path: '/users', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const b = form(req);
        const role = String(b.role ?? '');
        if (!isAdminRole(role)) throw new AdminInputError('role must be admin, editor or viewer');
        const email = String(b.email ?? '').trim().toLowerCase();
        // The CLI resets an existing account on purpose; the page only creates.
        if (await db.adminUser.findUnique({ where: { email } })) throw new AdminInputError(`${email} already has an account`);
        try {
          const user = await createOrUpdateAdmin(db, { email, password: String(b.password ?? ''), role, ...(b.name?.trim() ? { name: b.name.trim() } : {}) });
          audit(deps.logger, ctx, 'user.create', { userId: user.id, role });
        } catch (error) {
          if (error instanceof AdminAccountError) throw new AdminInputError(error.message);
          throw error;
        }
        res.redirect(303, done('created'));
      },
    },
    {
      method: 'post', path: '/users/:id/role', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const id = String(req.params.id);
        const role = String(form(req).role ?? '');
        if (!isAdminRole(role)) throw new AdminInputError('role must be admin, editor or viewer');
        notSelf(id, ctx.admin.userId);
        const { count } = await db.adminUser.updateMany({ where: { id }, data: { role } });
        if (count === 0) throw new AdminNotFoundError('no such account');
        audit(deps.logger, ctx, 'user.role', { userId: id, role });
        res.redirect(303, done('saved'));
      },
    },
    {
      method: 'post', path: '/users/:id/disable', role: 'admin', kind: 'api',
      handler: async (req, res, ctx) => {
        const id = String(req.params.id);
        notSelf(id, ctx.admin.userId);
        const { count } = await db.adminUser.updateMany({ where: { id }, data: { role: DISABLED_ROLE } });
        if (count === 0) throw new AdminNotFoundError('no such account');
        await db.adminSession.deleteMany({ where: { userId: id } });
        audit(deps.logger, ctx, 'user.disable', { userId: id });
        res.redirect(303, done('saved'));
      },
    },
  ];
}
