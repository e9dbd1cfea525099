/**
 * The one gate every admin route passes, in this order: cross-site → signed in → role → CSRF token on
 * every change. Routes cannot opt out; the route table states the role each one needs.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Db } from '../../core/storage/database.ts';
import { findSession, SESSION_COOKIE, type SignedInAdmin } from '../auth/sessions.ts';
import { hasRole } from '../auth/roles.ts';
import { readCookie } from './cookies.ts';
import { isCrossSite } from './cross-site.ts';
import type { AdminRoute } from './context.ts';

export interface GuardOptions {
  db: Db;
  now: () => Date;
  sessionIdleMs: number;
}

export async function currentAdmin(req: Request, options: GuardOptions): Promise<SignedInAdmin | undefined> {
  const token = readCookie(req, SESSION_COOKIE);
  return token ? findSession(options.db, token, options.now(), options.sessionIdleMs) : undefined;
}

export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function guard(route: AdminRoute, options: GuardOptions) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      if (isCrossSite(req, route.kind === 'page')) {
        res.status(403).type('text/plain').send('cross-site request refused');
        return;
      }
      const admin = await currentAdmin(req, options);
      if (!admin) {
        if (route.kind === 'page' && req.method === 'GET') res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
        else res.status(401).type('text/plain').send('sign in first');
        return;
      }
      if (!hasRole(admin.role, route.role)) {
        res.status(403).type('text/plain').send('your role may not do this');
        return;
      }
      if (req.method !== 'GET') {
        const sent = req.headers['x-csrf-token'] ?? (req.body as Record<string, unknown> | undefined)?._csrf;
        if (!sameToken(sent, admin.csrfToken)) {
          res.status(403).type('text/plain').send('missing or wrong CSRF token');
          return;
        }
      }
      res.locals.admin = admin;
      next();
    } catch (error) {
      next(error);
    }
  };
}
