/** What every admin page handler receives: who is signed in, their language, and the CSRF token to echo. */
import type { Request, Response } from 'express';
import type { SignedInAdmin } from '../auth/sessions.ts';
import type { Language, Translate } from '../i18n/locale.ts';
import type { AdminRole } from '../auth/roles.ts';

export interface PageContext {
  admin: SignedInAdmin;
  lang: Language;
  t: Translate;
  /** The current path inside /admin, for the navigation and the language link. */
  path: string;
}

export type RouteHandler = (req: Request, res: Response, ctx: PageContext) => Promise<void>;

/**
 * One admin route. `kind` decides how a refusal looks and whether a link from another site may open it:
 * a `page` is a full HTML page (unauthenticated GET → sign-in redirect), an `api` is everything else
 * (changes, htmx fragments, exports: 401 / 403, never cross-site).
 */
export interface AdminRoute {
  method: 'get' | 'post';
  path: string;
  role: AdminRole;
  kind: 'page' | 'api';
  handler: RouteHandler;
}
