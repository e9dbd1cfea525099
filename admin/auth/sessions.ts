/**
 * Sessions live in the database (AdminSession), so any web process serves any signed-in admin. The cookie
 * carries a 256-bit random token; the table keeps only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../core/storage/database.ts';
import { isAdminRole } from './roles.ts';

export const SESSION_COOKIE = 'kefu_admin_session';

export interface SignedInAdmin {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  role: string;
  csrfToken: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function startSession(db: Db, userId: string, now: Date, idleMs: number): Promise<{ token: string }> {
  const token = randomToken();
  await db.adminSession.create({
    data: { tokenHash: hashToken(token), userId, csrfToken: randomToken(), expiresAt: new Date(now.getTime() + idleMs), createdAt: now, lastSeenAt: now },
  });
  return { token };
}

/** The admin behind a cookie token, sliding the expiry forward; undefined when unknown or expired. */
export async function findSession(db: Db, token: string, now: Date, idleMs: number): Promise<SignedInAdmin | undefined> {
  const session = await db.adminSession.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!session || session.expiresAt <= now) return undefined;
  const user = await db.adminUser.findUnique({ where: { id: session.userId } });
  if (!user || !isAdminRole(user.role)) return undefined;
  // Write at most once a minute: every page view would otherwise be a write.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db.adminSession.update({ where: { id: session.id }, data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + idleMs) } });
  }
  return { sessionId: session.id, userId: user.id, email: user.email, name: user.name, role: user.role, csrfToken: session.csrfToken };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.adminSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}
